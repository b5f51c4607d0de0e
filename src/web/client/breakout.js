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

// When organizers publish, re-plan or move people in the round shown first, the server adds a
// `breakouts.changed` event to that round's room log. The page then fetches itself again and
// swaps in each room's new contents, rather than reloading: a reload would move the reader to
// the top of the page, drop their focus and restart the countdown without warning. The change
// is announced once in a polite live region of its own (so it never replaces a countdown
// warning), and focus that was inside a replaced room moves to that room's container instead
// of being lost (WCAG 2.4.3 and 4.1.3). Without JavaScript, reloading the page shows the change.
(() => {
  const status = document.querySelector('[data-breakout-status]');
  const url = status && status.getAttribute('data-events-url');
  if (!url || typeof window.EventSource !== 'function' || typeof window.fetch !== 'function')
    return;

  const refresh = async () => {
    let html;
    try {
      const response = await window.fetch(window.location.href, {
        credentials: 'same-origin',
        headers: { accept: 'text/html' },
      });
      if (!response.ok) return;
      html = await response.text();
    } catch {
      return;
    }
    const fresh = new window.DOMParser().parseFromString(html, 'text/html');
    let changed = false;
    for (const block of document.querySelectorAll('[data-breakout-room]')) {
      const key = block.getAttribute('data-breakout-room');
      const next = fresh.querySelector(`[data-breakout-room="${key}"]`);
      if (!next || next.innerHTML === block.innerHTML) continue;
      const hadFocus = block.contains(document.activeElement) && document.activeElement !== block;
      block.innerHTML = next.innerHTML;
      if (hadFocus) block.focus();
      changed = true;
    }
    if (!changed) return;
    // Emptied first, so that a second change in a row is announced again.
    status.textContent = '';
    window.setTimeout(() => {
      status.textContent = 'Your breakout room changed.';
    }, 100);
  };

  // No `after`: only events from now on, so an old change is never announced again.
  const stream = new window.EventSource(url);
  stream.onmessage = (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    if (event && event.type === 'breakouts.changed') refresh();
  };
})();
