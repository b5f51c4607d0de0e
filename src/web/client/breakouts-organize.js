// Dragging people between breakout rooms on the organizer's page. Without this script (and for
// keyboard and screen-reader users with it) every member row of an unlocked room has its own
// "Move … to room" form. This only adds a shortcut for a pointer on top of that form: a row
// dragged onto another room of its round sets the row's select to that room and submits the
// row's form, so the server checks the move, and answers, exactly as for the form (WCAG 2.5.7).
// Only the rooms listed in the row's select, and not locked, are drop targets (the form would
// only answer that a locked room cannot change); dropping anywhere else does nothing.
(() => {
  const rounds = document.getElementById('rounds');
  if (!rounds || !('draggable' in document.createElement('tr'))) return;

  const TARGET = 'breakout-room--drop-target';
  const OVER = 'breakout-room--drag-over';
  const DRAGGING = 'breakout-row--dragging';

  /** The move form of a row, with its select and the ids of the rooms it can move to. */
  const moveOf = (row) => {
    const form = row.querySelector('form.move-form');
    const select = form && form.querySelector('select[name="roomId"]');
    if (!select) return null;
    return { form, select, roomIds: Array.from(select.options, (option) => option.value) };
  };

  const rows = Array.from(rounds.querySelectorAll('.breakout-room[data-room-id] tbody tr')).filter(
    (row) => moveOf(row),
  );
  if (rows.length === 0) return;

  const hint = document.createElement('p');
  hint.className = 'hint drag-hint';
  hint.textContent = 'Drag a person to another room, or use the Move form.';
  rounds.parentNode.insertBefore(hint, rounds);

  let dragged = null; // { row, move, room, targets }
  let over = null;

  const highlight = (room) => {
    if (room === over) return;
    if (over) over.classList.remove(OVER);
    over = room;
    if (over) over.classList.add(OVER);
  };

  const finish = () => {
    if (!dragged) return;
    dragged.row.classList.remove(DRAGGING);
    for (const room of dragged.targets) room.classList.remove(TARGET);
    highlight(null);
    dragged = null;
  };

  /** The room under the pointer, when the dragged person may move there. */
  const targetAt = (node) => {
    if (!dragged || !(node instanceof window.Element)) return null;
    const room = node.closest('.breakout-room[data-room-id]');
    return room && dragged.targets.includes(room) ? room : null;
  };

  for (const row of rows) {
    row.draggable = true;
    row.classList.add('breakout-row--draggable');
    row.addEventListener('dragstart', (event) => {
      // A drag that starts in the row's own controls (a select, a button) is not a move.
      if (event.target !== row) return;
      const move = moveOf(row);
      const room = row.closest('.breakout-room[data-room-id]');
      if (!move || !room) {
        event.preventDefault();
        return;
      }
      const round = room.getAttribute('data-round-id');
      const targets = Array.from(rounds.querySelectorAll('.breakout-room[data-room-id]')).filter(
        (other) =>
          other !== room &&
          other.getAttribute('data-round-id') === round &&
          !other.hasAttribute('data-locked') &&
          move.roomIds.includes(other.getAttribute('data-room-id')),
      );
      dragged = { row, move, room, targets };
      event.dataTransfer.effectAllowed = 'move';
      // Some browsers start a drag only with data; the name is harmless if dropped elsewhere.
      event.dataTransfer.setData('text/plain', (row.cells[0] && row.cells[0].textContent) || '');
      row.classList.add(DRAGGING);
      for (const target of targets) target.classList.add(TARGET);
    });
    row.addEventListener('dragend', finish);
  }

  // dragenter and dragover both: a drop is allowed only where one of them was cancelled.
  const allowDrop = (event) => {
    if (!dragged) return;
    const room = targetAt(event.target);
    highlight(room);
    if (!room) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  };
  document.addEventListener('dragenter', allowDrop);
  document.addEventListener('dragover', allowDrop);

  // Leaving the window: no room is under the pointer any more.
  document.addEventListener('dragleave', (event) => {
    if (!dragged || event.relatedTarget) return;
    const { clientX: x, clientY: y } = event;
    if (x <= 0 || y <= 0 || x >= window.innerWidth || y >= window.innerHeight) highlight(null);
  });

  document.addEventListener('drop', (event) => {
    if (!dragged) return;
    const room = targetAt(event.target);
    const { move } = dragged;
    finish();
    if (!room) return;
    event.preventDefault();
    move.select.value = room.getAttribute('data-room-id');
    if (typeof move.form.requestSubmit === 'function') move.form.requestSubmit();
    else move.form.submit();
  });
})();
