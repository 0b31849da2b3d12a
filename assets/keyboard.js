// Presentation mode keys: <- -> (and Page Up/Down from a presenter's clicker) step through the charts,
// Up/Down through the regions, Esc leaves. Each key clicks a hidden button the app listens to.
document.addEventListener("keydown", function (event) {
  if (!document.body.classList.contains("presenting")) return;
  var target = {
    ArrowRight: "present-next", PageDown: "present-next", ArrowLeft: "present-prev", PageUp: "present-prev",
    ArrowDown: "present-down", ArrowUp: "present-up", Escape: "present-exit"
  }[event.key];
  var button = target && document.getElementById(target);
  if (button) { event.preventDefault(); button.click(); }
});
