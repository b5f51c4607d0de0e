// Shows the programme in the viewer's own time zone. Without JavaScript the "Show times in"
// form does the same; with it, the browser's zone is remembered on the first visit.
(function () {
  function readCookie() {
    var match = document.cookie.match(/(?:^|;\s*)convene_tz=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }
  var form = document.querySelector('[data-time-zone-form]');
  if (
    !readCookie() &&
    form &&
    window.sessionStorage &&
    !window.sessionStorage.getItem('convene_tz_tried')
  ) {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      zone = null;
    }
    var select = form.querySelector('select[name="timeZone"]');
    if (zone && select) {
      // The server checks the zone and knows old names such as Asia/Calcutta.
      window.sessionStorage.setItem('convene_tz_tried', '1');
      var option = document.createElement('option');
      option.value = zone;
      option.textContent = zone;
      select.appendChild(option);
      select.value = zone;
      form.submit();
      return;
    }
  }
  // Moves focus to the error summary so keyboard and screen reader users hear what went wrong.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) {
    summary.focus();
    // Its links move focus to their field. Left to the browser, the field would scroll to the
    // very top of the window, hiding its label and message above it: show the whole group.
    summary.addEventListener('click', function (event) {
      var link = event.target.closest('a[href^="#"]');
      var field = link && document.getElementById(link.getAttribute('href').slice(1));
      if (!field) return;
      event.preventDefault();
      (field.closest('.form-group') || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
  // And to the message saying a change was saved: a status already on the page when it loads
  // is not announced, and the page may open further down (#sessions), with the message out of
  // sight. After the load, as the browser's own scroll to #sessions would take focus away.
  var saved = document.querySelector('[data-success-banner]');
  if (saved && !summary) {
    window.addEventListener('load', function () {
      saved.focus();
    });
  }
})();
