"""Baltic Metropoles: a dashboard comparing the BaltMet metropolitan regions."""

__version__ = "0.1.0"
