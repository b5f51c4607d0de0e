// The countdown to the end of a breakout round. Without JavaScript the page shows the end
// time in the viewer's zone. The timer ticks visibly but silently; only the alert region is
// live (aria-live="polite"), and it speaks twice: two minutes before the end, and at the end,
// so a screen reader is not interrupted every second (WCAG 2.2.1 and 4.1.3).
(() => {
  const box = document.querySelector('[data-breakout-countdown]');
  if (!box) return;
  const endsAt = Date.parse(box.getAttribute('data-ends-at') || '');
  const timer = box.querySelector('[data-countdown-timer]');
  const alert = box.querySelector('[data-countdown-alert]');
  if (Number.isNaN(endsAt) || !timer || !alert) return;
  const WARNING_MS = 2 * 60 * 1000;
  let warned = false;
  let ended = false;

  const pad = (n) => String(n).padStart(2, '0');
  const tick = () => {
    const left = endsAt - Date.now();
    if (left <= 0) {
      timer.textContent = 'The round has ended.';
      if (!ended) {
        ended = true;
        alert.textContent = 'The round has ended. Thank you for taking part.';
      }
      return false;
    }
    const seconds = Math.ceil(left / 1000);
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    timer.textContent = `Time left: ${hours > 0 ? `${hours}:${pad(minutes)}` : minutes}:${pad(seconds % 60)}`;
    if (left <= WARNING_MS && !warned) {
      warned = true;
      alert.textContent = 'Two minutes left in this round. Start wrapping up.';
    }
    return true;
  };
  timer.hidden = false;
  // A round that ended before the page opened needs no announcement.
  if (endsAt <= Date.now()) {
    ended = true;
    warned = true;
  } else if (endsAt - Date.now() <= WARNING_MS) {
    warned = true;
  }
  if (tick()) {
    const id = window.setInterval(() => {
      if (!tick()) window.clearInterval(id);
    }, 1000);
  }
})();
