// Autosave for notes (a session's or a breakout room's): a few seconds after the writer stops
// typing, the form is sent as it would be by "Save the notes", with the version it started
// from. The answer's page carries the new version, which the form then starts from. When
// someone else saved meanwhile, autosave stops and says so: pressing "Save the notes" then
// shows both versions to merge (nothing is overwritten). Without JavaScript the button saves.
(() => {
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  const version = form.querySelector('input[name="baseVersion"]');
  const status = document.querySelector('[data-autosave-status]');
  if (!version || !status) return;
  const DELAY_MS = 4000;
  let timer = null;
  let sending = false;
  let stopped = false;
  let changedWhileSending = false;

  const say = (text) => {
    status.textContent = text;
  };
  const now = () =>
    new Date().toLocaleTimeString(document.documentElement.lang || undefined, {
      hour: '2-digit',
      minute: '2-digit',
    });

  const save = async () => {
    if (stopped) return;
    if (sending) {
      changedWhileSending = true;
      return;
    }
    sending = true;
    changedWhileSending = false;
    try {
      const response = await window.fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: 'text/html' },
        credentials: 'same-origin',
      });
      const html = await response.text();
      if (response.status === 409) {
        stopped = true;
        say(
          'Someone else saved these notes while you were writing. Autosave has stopped: press “Save the notes” to see both versions.',
        );
        return;
      }
      if (!response.ok) {
        stopped = true;
        say('These notes could not be saved automatically. Press “Save the notes” to see why.');
        return;
      }
      const page = new window.DOMParser().parseFromString(html, 'text/html');
      const saved = page.querySelector('input[name="baseVersion"]');
      if (saved) version.value = saved.value;
      say(`Saved automatically at ${now()}.`);
    } catch {
      say('Not saved automatically: the connection failed. Your text is still here.');
    } finally {
      sending = false;
      if (changedWhileSending && !stopped) timer = window.setTimeout(save, DELAY_MS);
    }
  };

  form.addEventListener('input', () => {
    if (stopped) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY_MS);
  });
  form.addEventListener('submit', () => {
    window.clearTimeout(timer);
    stopped = true;
  });
})();
