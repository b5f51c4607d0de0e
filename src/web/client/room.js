// Makes a session room live. Without this script every form still works (the browser posts it
// and comes back to the room) and a reload shows what is new; with it, events arrive as they
// happen over the room's stream (docs/realtime.md), and forms post without leaving the page.
(function () {
  'use strict';

  var root = document.getElementById('room');
  if (!root || typeof window.EventSource !== 'function' || typeof window.fetch !== 'function')
    return;

  var base = root.dataset.base;
  var me = root.dataset.me;
  var isModerator = root.dataset.moderator === 'true';
  var zone = root.dataset.zone;
  var lastSeq = Number(root.dataset.lastSeq) || 0;
  var sort = root.dataset.sort === 'newest' ? 'newest' : 'votes';
  var chat = root.querySelector('[data-chat]');
  var questionList = root.querySelector('[data-questions]');
  var announcer = root.querySelector('[data-announcer]');
  var connection = root.querySelector('[data-connection]');
  var newMessagesButton = root.querySelector('[data-new-messages]');
  var pauseButton = root.querySelector('[data-pause]');
  var announceButton = root.querySelector('[data-announce]');
  var messageTemplate = root.querySelector('[data-message-template]');
  var questionTemplate = root.querySelector('[data-question-template]');
  var reducedMotion =
    window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  var timeFormat;
  try {
    timeFormat = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    });
  } catch {
    timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
  }
  function clock(iso) {
    return timeFormat.format(new Date(iso));
  }

  // ---- Announcements: polite, and never more than one every few seconds ----
  var announceOn = true;
  var pendingAnnouncements = [];
  var announceTimer = null;
  function announce(text) {
    if (!announceOn) return;
    pendingAnnouncements.push(text);
    if (announceTimer) return;
    announceTimer = window.setTimeout(function () {
      announceTimer = null;
      var items = pendingAnnouncements;
      pendingAnnouncements = [];
      announcer.textContent =
        items.length <= 2 ? items.join(' ') : items.length + ' new updates in the room.';
    }, 4000);
  }

  // ---- Text: plain characters, links made clickable, nothing else interpreted ----
  function fillText(element, segments) {
    element.textContent = '';
    segments.forEach(function (segment) {
      if (segment.href && /^https?:\/\//i.test(segment.href)) {
        var link = document.createElement('a');
        link.href = segment.href;
        link.rel = 'nofollow noopener noreferrer';
        link.target = '_blank';
        link.textContent = segment.text;
        var hint = document.createElement('span');
        hint.className = 'visually-hidden';
        hint.textContent = ' (opens in a new tab)';
        link.appendChild(hint);
        element.appendChild(link);
      } else {
        element.appendChild(document.createTextNode(segment.text));
      }
    });
  }

  function slots(element, name) {
    return Array.prototype.slice.call(element.querySelectorAll('[data-slot="' + name + '"]'));
  }
  function setSlot(element, name, text) {
    slots(element, name).forEach(function (slot) {
      slot.textContent = text;
    });
  }

  /** Clones a template, replacing the placeholder ids in its attributes. */
  function fromTemplate(template, replacements) {
    var item = template.content.firstElementChild.cloneNode(true);
    var all = [item].concat(Array.prototype.slice.call(item.querySelectorAll('*')));
    all.forEach(function (element) {
      Array.prototype.slice.call(element.attributes).forEach(function (attribute) {
        var value = attribute.value;
        Object.keys(replacements).forEach(function (key) {
          value = value.split(key).join(replacements[key]);
        });
        if (value !== attribute.value) element.setAttribute(attribute.name, value);
      });
    });
    return item;
  }

  // ---- The chat: stays at the bottom unless the reader scrolled up or paused it ----
  var paused = false;
  var held = [];
  var unseen = 0;
  function atBottom() {
    return chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
  }
  function scrollToEnd() {
    chat.scrollTop = chat.scrollHeight;
  }
  function showUnseen() {
    if (unseen > 0) {
      newMessagesButton.hidden = false;
      newMessagesButton.textContent =
        unseen === 1 ? 'Show 1 new message' : 'Show ' + unseen + ' new messages';
    } else {
      newMessagesButton.hidden = true;
    }
  }
  function addMessage(message) {
    if (document.getElementById('message-' + message.id)) return;
    var item = fromTemplate(messageTemplate, {
      __ID__: message.id,
      __AUTHOR__: message.author ? message.author.id : '',
    });
    item.dataset.seq = '';
    setSlot(item, 'author-name', message.author ? message.author.name : 'Former participant');
    setSlot(item, 'author-government', message.author ? message.author.government : '');
    var time = slots(item, 'time')[0];
    time.setAttribute('datetime', message.postedAt);
    time.textContent = clock(message.postedAt);
    if (message.replyTo) {
      slots(item, 'reply')[0].hidden = false;
      setSlot(item, 'reply-author', message.replyTo.authorName);
      setSlot(
        item,
        'reply-excerpt',
        message.replyTo.excerpt ? ': “' + message.replyTo.excerpt + '”' : '',
      );
    }
    fillText(slots(item, 'text')[0], message.segments);
    var mute = item.querySelector('[data-mute-form]');
    if (mute && message.author && message.author.id === me) mute.hidden = true;
    if (paused) {
      held.push(item);
      unseen += 1;
      showUnseen();
      return;
    }
    var follow = atBottom();
    chat.appendChild(item);
    root.querySelector('[data-no-messages]').hidden = true;
    if (follow) scrollToEnd();
    else {
      unseen += 1;
      showUnseen();
    }
    if (!message.author || message.author.id !== me)
      announce(
        (message.author ? message.author.name : 'Someone') +
          ' wrote: ' +
          message.text.slice(0, 140),
      );
  }
  function releaseHeld() {
    held.forEach(function (item) {
      chat.appendChild(item);
    });
    if (held.length) root.querySelector('[data-no-messages]').hidden = true;
    held = [];
    unseen = 0;
    showUnseen();
    scrollToEnd();
  }
  chat.addEventListener('scroll', function () {
    if (!paused && atBottom() && unseen > 0) {
      unseen = 0;
      showUnseen();
    }
  });
  newMessagesButton.addEventListener('click', function () {
    if (paused) setPaused(false);
    else releaseHeld();
    chat.focus();
  });
  function setPaused(value) {
    paused = value;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Resume new messages' : 'Pause new messages';
    if (!paused) releaseHeld();
  }
  pauseButton.hidden = false;
  pauseButton.addEventListener('click', function () {
    setPaused(!paused);
  });
  announceButton.hidden = false;
  announceButton.addEventListener('click', function () {
    announceOn = !announceOn;
    announceButton.setAttribute('aria-pressed', String(announceOn));
    if (!announceOn) announcer.textContent = '';
  });
  scrollToEnd();

  /** A moderator's Mute buttons on a person's messages become Unmute once they are muted, and back. */
  function showMuted(personId, muted) {
    Array.prototype.slice
      .call(chat.querySelectorAll('[data-author="' + personId + '"] [data-mute-form]'))
      .concat(
        held
          .filter(function (item) {
            return item.dataset.author === personId;
          })
          .map(function (item) {
            return item.querySelector('[data-mute-form]');
          }),
      )
      .forEach(function (form) {
        if (!form) return;
        form.querySelector('input[name="muted"]').value = muted ? 'false' : 'true';
        form.querySelector('button').firstChild.textContent = muted ? 'Unmute' : 'Mute';
      });
  }

  function hideMessage(event) {
    var item = document.getElementById('message-' + event.messageId);
    // A message held back while the chat is paused is not in the page yet.
    var heldAt = -1;
    held.forEach(function (waiting, index) {
      if (waiting.dataset.message === event.messageId) heldAt = index;
    });
    if (!item && heldAt >= 0) item = held[heldAt];
    if (!item) return;
    var seesHidden = isModerator || event.authorId === me;
    if (event.hidden && !seesHidden) {
      if (heldAt >= 0) {
        held.splice(heldAt, 1);
        unseen = Math.max(0, unseen - 1);
        showUnseen();
      } else item.remove();
      return;
    }
    item.classList.toggle('chat-message--hidden', event.hidden);
    slots(item, 'hidden-tag')[0].hidden = !event.hidden;
    var hide = item.querySelector('[data-hide-form="true"]');
    var show = item.querySelector('[data-hide-form="false"]');
    if (hide) hide.hidden = event.hidden;
    if (show) show.hidden = !event.hidden;
  }

  // ---- Questions ----
  /** Questions this person asked from this page (the stream does not say whose anonymous ones are). */
  var mineQuestions = {};
  function questionItem(id) {
    return document.getElementById('question-' + id);
  }
  function rank(item) {
    var order = { queued: 0, visible: 1, answered: 2, archived: 3, rejected: 4 }[
      item.dataset.status
    ];
    return order === undefined ? 1 : order;
  }
  function sortQuestions() {
    var items = Array.prototype.slice.call(questionList.children);
    var focused = document.activeElement;
    items.sort(function (a, b) {
      var byRank = rank(a) - rank(b);
      if (byRank) return byRank;
      var seqA = Number(a.dataset.askedSeq);
      var seqB = Number(b.dataset.askedSeq);
      if (sort === 'votes') return Number(b.dataset.votes) - Number(a.dataset.votes) || seqA - seqB;
      return seqB - seqA;
    });
    items.forEach(function (item) {
      questionList.appendChild(item);
    });
    if (focused && focused !== document.activeElement && document.contains(focused))
      focused.focus();
    root.querySelector('[data-question-count]').textContent = '(' + items.length + ')';
    root.querySelector('[data-no-questions]').hidden = items.length > 0;
  }
  var STATUS_LABELS = {
    queued: 'Waiting for a moderator',
    visible: 'Open',
    answered: 'Answered',
    archived: 'Archived',
    rejected: 'Not shown to attendees',
  };
  function applyStatus(item, status) {
    item.dataset.status = status;
    item.className = item.className.replace(
      /qa-item--(queued|visible|answered|archived|rejected)/,
      'qa-item--' + status,
    );
    var tag = slots(item, 'status')[0];
    tag.hidden = status === 'visible';
    tag.className = 'tag tag--' + status;
    tag.textContent = STATUS_LABELS[status];
    Array.prototype.slice.call(item.querySelectorAll('[data-show-for]')).forEach(function (form) {
      var fits = form.dataset.showFor.split(' ').indexOf(status) >= 0;
      if (form.hasAttribute('data-vote-form')) fits = fits && item.dataset.mine !== 'true';
      if (form.hasAttribute('data-pin-form'))
        fits = fits && !item.classList.contains('qa-item--pinned');
      form.hidden = !fits;
    });
  }
  function setVotes(item, votes) {
    item.dataset.votes = String(votes);
    setSlot(item, 'votes', String(votes));
    setSlot(item, 'votes-word', votes === 1 ? 'vote' : 'votes');
  }
  function addQuestion(question, options) {
    var existing = questionItem(question.id);
    if (existing) {
      applyStatus(existing, question.status);
      return existing;
    }
    var item = fromTemplate(questionTemplate, { __ID__: question.id });
    item.dataset.askedSeq = String(question.askedSeq);
    var mine = Boolean(
      (options && options.mine) ||
      mineQuestions[question.id] ||
      (question.askedBy && question.askedBy.id === me),
    );
    item.dataset.mine = mine ? 'true' : 'false';
    fillText(slots(item, 'text')[0], question.segments);
    setSlot(
      item,
      'label',
      question.text.length > 60 ? question.text.slice(0, 57) + '...' : question.text,
    );
    var asker = slots(item, 'asker')[0];
    asker.textContent = '';
    if (question.askedBy) {
      var name = document.createElement('strong');
      name.textContent = question.askedBy.name;
      asker.appendChild(name);
      if (question.askedBy.government)
        asker.appendChild(document.createTextNode(' ' + question.askedBy.government));
      if (question.anonymous)
        asker.appendChild(document.createTextNode(' (anonymous to attendees)'));
    } else {
      asker.textContent = mine ? 'You (anonymous)' : 'Anonymous';
    }
    var time = slots(item, 'time')[0];
    if (question.askedAt) {
      time.setAttribute('datetime', question.askedAt);
      time.textContent = clock(question.askedAt);
    } else time.hidden = true;
    setVotes(item, question.votes || 0);
    questionList.appendChild(item);
    applyStatus(item, question.status);
    sortQuestions();
    return item;
  }
  function setPinned(questionId) {
    Array.prototype.slice
      .call(questionList.querySelectorAll('.qa-item--pinned'))
      .forEach(function (item) {
        item.classList.remove('qa-item--pinned');
        slots(item, 'pinned')[0].hidden = true;
        applyStatus(item, item.dataset.status);
      });
    var box = root.querySelector('[data-pinned]');
    box.textContent = '';
    var item = questionId ? questionItem(questionId) : null;
    if (!item) return;
    item.classList.add('qa-item--pinned');
    slots(item, 'pinned')[0].hidden = false;
    applyStatus(item, item.dataset.status);
    var note = document.createElement('div');
    note.className = 'pinned';
    note.setAttribute('role', 'note');
    var caption = document.createElement('p');
    caption.className = 'caption';
    caption.textContent = 'Being answered now';
    var text = document.createElement('p');
    text.className = 'pinned__text';
    text.textContent = slots(item, 'text')[0].textContent;
    note.appendChild(caption);
    note.appendChild(text);
    box.appendChild(note);
    announce('Now answering: ' + text.textContent.slice(0, 140));
  }

  // ---- Reactions: counted, shown as a passing burst ----
  var REACTION_EMOJI = {
    applause: '👏',
    thanks: '🙏',
    celebrate: '🎉',
    love: '❤️',
    insightful: '💡',
    agree: '👍',
  };
  var REACTION_WORDS = {
    applause: 'applause',
    thanks: 'thanks',
    celebrate: 'celebration',
    love: 'love',
    insightful: 'insightful',
    agree: 'agreement',
  };
  var burst = root.querySelector('[data-burst]');
  function showBurst(counts) {
    var words = [];
    Object.keys(counts).forEach(function (kind) {
      var total = root.querySelector('[data-reaction-total="' + kind + '"]');
      if (total) total.textContent = String(Number(total.textContent) + counts[kind]);
      words.push(counts[kind] + ' ' + (REACTION_WORDS[kind] || kind));
      if (reducedMotion) return;
      for (var i = 0; i < Math.min(counts[kind], 12); i += 1) {
        var bubble = document.createElement('span');
        bubble.className = 'burst-bubble';
        bubble.textContent = REACTION_EMOJI[kind] || '';
        bubble.style.left = Math.round(Math.random() * 90) + '%';
        bubble.style.animationDelay = i * 90 + 'ms';
        burst.appendChild(bubble);
        window.setTimeout(bubble.remove.bind(bubble), 2600 + i * 90);
      }
    });
    if (words.length) announce('Reactions: ' + words.join(', ') + '.');
  }

  // ---- Presence ----
  var presentList = root.querySelector('[data-present]');
  function updatePresence(event) {
    root.querySelector('[data-present-count]').textContent = String(event.count);
    event.left.forEach(function (id) {
      var item = presentList.querySelector('[data-person="' + id + '"]');
      if (item) item.remove();
    });
    event.joined.forEach(function (person) {
      if (
        presentList.querySelector('[data-person="' + person.id + '"]') ||
        presentList.children.length >= 100
      )
        return;
      var item = document.createElement('li');
      item.dataset.person = person.id;
      var name = document.createElement('strong');
      name.textContent = person.name;
      item.appendChild(name);
      if (person.government) {
        var government = document.createElement('span');
        government.className = 'hint';
        government.textContent = ' ' + person.government;
        item.appendChild(government);
      }
      presentList.appendChild(item);
    });
  }

  // ---- Room state and settings ----
  function closeRoom(message) {
    root.dataset.state = 'ended';
    var state = root.querySelector('[data-room-state]');
    state.textContent = 'Ended';
    state.className = 'tag tag--ended';
    Array.prototype.slice
      .call(
        root.querySelectorAll(
          '[data-live-form="message"], [data-live-form="question"], [data-open-only]',
        ),
      )
      .forEach(function (element) {
        element.hidden = true;
      });
    Array.prototype.slice
      .call(root.querySelectorAll('.reaction-button'))
      .forEach(function (button) {
        button.disabled = true;
      });
    showNotice(message);
  }
  function showNotice(message) {
    var notice = root.querySelector('[data-live-notice]');
    if (!notice) {
      notice = document.createElement('p');
      notice.className = 'notice';
      notice.setAttribute('data-live-notice', '');
      root.querySelector('.room__header').appendChild(notice);
    }
    notice.textContent = message;
    announce(message);
  }

  // ---- Focus: never lost when an event moves or hides the control someone is on ----
  var CONTROLS = 'a[href], button, input:not([type="hidden"]), textarea, select, [tabindex]';
  function isShown(element) {
    return document.contains(element) && element.getClientRects().length > 0;
  }
  function controlsIn(container) {
    return Array.prototype.slice
      .call(container.querySelectorAll(CONTROLS))
      .filter(function (control) {
        return isShown(control) && !control.disabled && control.tabIndex >= 0;
      });
  }
  function focusState() {
    var focused = document.activeElement;
    if (!focused || focused === document.body || !root.contains(focused)) return null;
    var item = focused.closest('.qa-item, .chat-message');
    return { focused: focused, item: item, before: item ? controlsIn(item) : [] };
  }
  function follows(reference, element) {
    return Boolean(
      reference.compareDocumentPosition(element) & window.Node.DOCUMENT_POSITION_FOLLOWING,
    );
  }
  /**
   * After an event: focus stays where it was, even if its question moved in the list. If the
   * control went (its action was done: Approve, Hide…), focus goes to the control that took its
   * place in the same item (Reopen, Show again…), else to the one before it, else to the item's
   * list, so keyboard and screen reader users never land back at the top of the page.
   */
  function keepFocus(state) {
    if (!state) return;
    var focused = state.focused;
    if (isShown(focused) && !focused.disabled) {
      if (document.activeElement !== focused) focused.focus({ preventScroll: true });
      return;
    }
    var target;
    var item = state.item;
    if (item && isShown(item)) {
      var now = controlsIn(item);
      var fresh = now.filter(function (control) {
        return state.before.indexOf(control) < 0;
      });
      var earlier = now.filter(function (control) {
        return !follows(focused, control);
      });
      target =
        fresh.filter(function (control) {
          return follows(focused, control);
        })[0] ||
        fresh[0] ||
        earlier[earlier.length - 1] ||
        now[0] ||
        null;
      if (!target) {
        item.setAttribute('tabindex', '-1');
        target = item;
      }
    } else if (item && item.classList.contains('chat-message')) {
      target = chat;
    } else {
      var section = (item || focused).closest('section');
      target = section && section.querySelector('h2');
      if (target) target.setAttribute('tabindex', '-1');
    }
    if (target) target.focus();
  }

  // ---- The stream ----
  function apply(event) {
    switch (event.type) {
      case 'message.posted':
        addMessage(event.message);
        break;
      case 'message.hidden':
        hideMessage(event);
        break;
      case 'question.asked':
        addQuestion(event.question, { mine: false });
        if (isModerator && event.question.status === 'queued')
          announce('A question is waiting for approval.');
        break;
      case 'question.promoted': {
        // A moderator asked a chat message in Q&A: the question arrives like any other, and
        // the message can no longer be asked.
        addQuestion(event.question, { mine: false });
        var promoted = document.getElementById('message-' + event.messageId);
        if (promoted) {
          var promoteForm = promoted.querySelector('[data-promote-form]');
          if (promoteForm) promoteForm.hidden = true;
          var askedTag = slots(promoted, 'asked-tag')[0];
          if (askedTag) askedTag.hidden = false;
        }
        if (isModerator) announce('A chat message was asked in Q&A.');
        break;
      }
      case 'question.status': {
        var item = questionItem(event.questionId);
        if (!item) item = addQuestion(event.question, { mine: false });
        applyStatus(item, event.status);
        sortQuestions();
        if (event.status === 'answered') announce('A question was marked answered.');
        break;
      }
      case 'question.voted': {
        var voted = questionItem(event.questionId);
        if (voted) {
          setVotes(voted, event.votes);
          if (sort === 'votes') sortQuestions();
        }
        break;
      }
      case 'question.pinned':
        setPinned(event.questionId);
        break;
      case 'reactions':
        showBurst(event.counts);
        break;
      case 'presence':
        updatePresence(event);
        break;
      case 'room.settings':
        showNotice(
          event.askingLocked
            ? 'The moderators have closed questions for this session.'
            : event.queueEnabled
              ? 'Questions now wait for a moderator before everyone sees them.'
              : 'Questions are open.',
        );
        Array.prototype.slice
          .call(
            root.querySelectorAll(
              '[data-live-form="question"] textarea, [data-live-form="question"] button',
            ),
          )
          .forEach(function (element) {
            element.disabled = event.askingLocked;
          });
        break;
      case 'room.state':
        if (event.state === 'ended')
          closeRoom('This session has ended. Its chat and questions stay here to read.');
        else showNotice('The moderators opened the room. Reload the page to take part.');
        break;
      case 'person.muted':
        if (isModerator) {
          showMuted(event.person.id, event.muted);
          announce(event.person.name + (event.muted ? ' was muted.' : ' can post again.'));
        }
        break;
      case 'reset':
        showNotice('The room could not tell where you were. Reload the page to catch up.');
        break;
    }
  }

  var stream = null;
  function connect() {
    stream = new window.EventSource(base + '/events?after=' + lastSeq);
    stream.onopen = function () {
      connection.textContent = 'Updating live';
    };
    stream.onmessage = function (message) {
      var seq = Number(message.lastEventId);
      // Each event once: anything already seen (the page or an earlier connection) is skipped.
      if (seq && seq <= lastSeq) return;
      if (seq) lastSeq = seq;
      var event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      var focus = focusState();
      apply(event);
      keepFocus(focus);
    };
    stream.onerror = function () {
      // The browser reconnects by itself, sending the last event id it saw.
      connection.textContent =
        stream.readyState === window.EventSource.CLOSED
          ? 'Disconnected: reload the page'
          : 'Reconnecting…';
      if (stream.readyState === window.EventSource.CLOSED) window.setTimeout(connect, 5000);
    };
  }
  connect();

  // ---- Forms: posted without leaving the page ----
  function formStatus(form, text, isError) {
    var status = form.querySelector('[data-form-status]');
    if (!status) {
      status = document.createElement('p');
      status.className = 'form-status';
      status.setAttribute('data-form-status', '');
      status.setAttribute('role', 'status');
      form.appendChild(status);
    }
    status.textContent = text;
    status.classList.toggle('form-status--error', Boolean(isError));
  }
  root.addEventListener('submit', function (submitEvent) {
    var form = submitEvent.target;
    if (!form.matches || !form.matches('[data-live-form]')) return;
    submitEvent.preventDefault();
    var kind = form.dataset.liveForm;
    var button = form.querySelector('button[type="submit"]');
    // Pressed again while sending, or an Upvoted button: nothing to do (each press of a
    // reaction counts). The button is not disabled meanwhile, as a disabled button would
    // drop the keyboard focus on it.
    if (
      (form.dataset.sending === 'true' && kind !== 'reaction') ||
      (button && button.getAttribute('aria-disabled') === 'true')
    )
      return;
    var body = new URLSearchParams(new FormData(form));
    form.dataset.sending = 'true';
    window
      .fetch(form.action, {
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: body,
        credentials: 'same-origin',
      })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok, answer: answer };
        });
      })
      .then(function (result) {
        delete form.dataset.sending;
        var textarea = form.querySelector('textarea');
        if (!result.ok) {
          var message =
            result.answer && result.answer.error
              ? result.answer.error.message
              : 'That did not work. Try again.';
          formStatus(form, message, true);
          if (textarea) {
            textarea.setAttribute('aria-invalid', 'true');
            textarea.focus();
          }
          return;
        }
        if (textarea) {
          textarea.value = '';
          textarea.removeAttribute('aria-invalid');
        }
        if (kind === 'message') {
          clearReply();
          formStatus(form, 'Sent.');
        } else if (kind === 'question') {
          var anonymous = form.querySelector('[name="anonymous"]');
          var status = result.answer.status;
          formStatus(
            form,
            status === 'queued'
              ? 'Sent. Your question will appear once a moderator approves it.'
              : 'Sent.',
          );
          if (anonymous) anonymous.checked = false;
          markMine(result.answer.questionId);
        } else if (kind === 'vote') {
          if (button) {
            button.setAttribute('aria-disabled', 'true');
            button.firstChild.textContent = 'Upvoted';
          }
        } else if (kind === 'reaction') {
          if (button) {
            button.classList.add('reaction-button--sent');
            window.setTimeout(function () {
              button.classList.remove('reaction-button--sent');
            }, 600);
          }
        } else if (kind === 'moderation' && form.querySelector('[data-form-status]')) {
          formStatus(form, '');
        }
      })
      .catch(function () {
        delete form.dataset.sending;
        formStatus(
          form,
          'Could not reach Convene. Check your connection and try again; nothing was sent.',
          true,
        );
      });
  });
  function markMine(questionId) {
    mineQuestions[questionId] = true;
    var item = questionItem(questionId);
    if (item) {
      item.dataset.mine = 'true';
      var asker = slots(item, 'asker')[0];
      if (asker.textContent === 'Anonymous') asker.textContent = 'You (anonymous)';
      applyStatus(item, item.dataset.status);
    }
  }

  // ---- Replies: the Reply link fills the form's reply without a reload ----
  var messageForm = root.querySelector('[data-live-form="message"]');
  function clearReply() {
    if (!messageForm) return;
    var preview = messageForm.querySelector('[data-reply-preview]');
    preview.textContent = '';
    preview.hidden = true;
  }
  root.addEventListener('click', function (clickEvent) {
    var link = clickEvent.target.closest && clickEvent.target.closest('[data-reply]');
    if (!link || !messageForm) return;
    clickEvent.preventDefault();
    var item = document.getElementById('message-' + link.dataset.reply);
    var preview = messageForm.querySelector('[data-reply-preview]');
    preview.textContent = '';
    var text = document.createElement('p');
    text.className = 'reply-preview';
    text.appendChild(document.createTextNode('Replying to '));
    var who = document.createElement('strong');
    who.textContent = item ? slots(item, 'author-name')[0].textContent : 'a message';
    text.appendChild(who);
    var words = item ? slots(item, 'text')[0].textContent : '';
    text.appendChild(
      document.createTextNode(
        ': “' + (words.length > 80 ? words.slice(0, 79) + '…' : words) + '” ',
      ),
    );
    var cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'link-button';
    cancel.textContent = 'Cancel reply';
    cancel.addEventListener('click', function () {
      clearReply();
      messageForm.querySelector('textarea').focus();
    });
    text.appendChild(cancel);
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'replyTo';
    input.value = link.dataset.reply;
    preview.appendChild(text);
    preview.appendChild(input);
    preview.hidden = false;
    messageForm.querySelector('textarea').focus();
  });

  // ---- Sorting questions without a reload ----
  Array.prototype.slice.call(root.querySelectorAll('[data-sort-link]')).forEach(function (link) {
    link.addEventListener('click', function (clickEvent) {
      clickEvent.preventDefault();
      sort = link.dataset.sortLink;
      Array.prototype.slice
        .call(root.querySelectorAll('[data-sort-link]'))
        .forEach(function (other) {
          if (other === link) other.setAttribute('aria-current', 'true');
          else other.removeAttribute('aria-current');
        });
      sortQuestions();
      window.history.replaceState(null, '', base + '?sort=' + sort + '#questions');
    });
  });

  // Send a message with Enter; Shift+Enter starts a new line.
  if (messageForm) {
    messageForm.querySelector('textarea').addEventListener('keydown', function (keyEvent) {
      if (keyEvent.key === 'Enter' && !keyEvent.shiftKey && !keyEvent.isComposing) {
        keyEvent.preventDefault();
        messageForm.requestSubmit();
      }
    });
  }
})();

// The video call is a frame of another site: while keyboard focus is inside it, the browser
// matches neither :focus nor :focus-within on the page's side, so the page draws the focus
// ring itself around the frame (WCAG 2.4.7), from where focus went when the page lost it.
(function () {
  'use strict';

  var frame = document.querySelector('.video-frame');
  var iframe = frame && frame.querySelector('iframe');
  if (!iframe) return;
  function update() {
    frame.classList.toggle('video-frame--focused', document.activeElement === iframe);
  }
  // The page hears "blur" as focus moves into the frame, and "focus" as it comes back.
  window.addEventListener('blur', function () {
    window.setTimeout(update, 0);
  });
  window.addEventListener('focus', update);
  document.addEventListener('focusin', update);
})();
