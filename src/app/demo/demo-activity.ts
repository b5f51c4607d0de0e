import type { Store } from '../ports.ts';

/**
 * What happened in a demo 2020 session room, so that the numbers, the sorted chat and the
 * people met have something to show: who joined (most of the people who chose the session), a
 * few chat messages and questions, votes, answers. Only a session whose room the browser
 * journeys do not open themselves: those start from an empty room.
 */
interface DemoRoom {
  sessionTitle: string;
  messages: string[];
  questions: { text: string; answered: boolean }[];
}

const DEMO_ROOMS: DemoRoom[] = [
  {
    sessionTitle: 'The digital team you had: responding to coronavirus',
    messages: [
      'Good morning from Nairobi!',
      'Thank you all, this is so useful.',
      'How did you get legal sign-off so quickly?',
      'We rebuilt our benefits form in two weeks; the hard part was the identity check.',
      'Congratulations on the vaccine booking service, it worked first time for my parents.',
    ],
    questions: [
      {
        text: 'How did you keep the emergency services running once the crisis team went back to their old jobs?',
        answered: true,
      },
      { text: 'Which of the emergency practices will you keep for good?', answered: true },
      {
        text: 'Did procurement rules slow you down, and how did you get around them?',
        answered: false,
      },
    ],
  },
];

/** Minutes after the start at which the n-th person joins: most at once, a few late. */
const joinDelay = (n: number) => (n % 7 === 6 ? 12 : n % 3);

const at = (start: string, minutes: number) =>
  new Date(Date.parse(start) + minutes * 60_000).toISOString();

/**
 * Adds the demo's room activity to the 2020 edition: presence, messages, questions and votes,
 * in each room's ordered log as they would have happened. Ids come from `nextId`.
 */
export async function addDemoRoomActivity(store: Store, nextId: () => string): Promise<void> {
  const edition = await store.programme.findEditionBySlug('dsc-2020');
  if (!edition) return;
  const sessions = await store.programme.listSessions(edition.id);
  const registrations = [];
  for (const person of await store.people.listInvitees(edition.id)) {
    const registration = await store.registrations.findRegistration(edition.id, person.id);
    if (registration) registrations.push(registration);
  }
  for (const demo of DEMO_ROOMS) {
    const session = sessions.find((s) => s.title === demo.sessionTitle);
    if (!session) continue;
    // Four in five of those who chose the session joined its room.
    const joined = registrations
      .filter((r) => r.sessionIds.includes(session.id))
      .map((r) => r.personId)
      .filter((_, index) => index % 5 !== 4);
    if (joined.length < 4) continue;
    await store.live.openPresence(
      joined.map((personId, n) => ({
        id: nextId(),
        sessionId: session.id,
        personId,
        nodeId: 'demo',
        joinedAt: at(session.startsAt, joinDelay(n)),
        leftAt: session.endsAt,
      })),
    );
    const speaker = (n: number) => joined[(n * 7 + 3) % joined.length]!;
    for (const [n, text] of demo.messages.entries()) {
      const postedAt = at(session.startsAt, 3 + n * 4);
      const messageId = nextId();
      const event = await store.live.appendEvent(session.id, {
        at: postedAt,
        actorId: speaker(n),
        payload: { type: 'message.posted', messageId, text, replyTo: null },
      });
      await store.live.insertMessage({
        id: messageId,
        sessionId: session.id,
        authorId: speaker(n),
        seq: event.seq,
        text,
        replyToId: null,
        postedAt,
        hiddenAt: null,
      });
    }
    for (const [n, question] of demo.questions.entries()) {
      const askedAt = at(session.startsAt, 5 + n * 6);
      const askerId = speaker(n + 11);
      const questionId = nextId();
      const asked = await store.live.appendEvent(session.id, {
        at: askedAt,
        actorId: askerId,
        payload: {
          type: 'question.asked',
          questionId,
          text: question.text,
          anonymous: true,
          status: 'visible',
        },
      });
      await store.live.insertQuestion({
        id: questionId,
        sessionId: session.id,
        askerId,
        seq: asked.seq,
        text: question.text,
        anonymous: true,
        status: 'visible',
        askedAt,
      });
      // Fewer votes for later questions; never the asker's own.
      const voters = joined.filter((id) => id !== askerId).slice(0, Math.max(2, 12 - n * 4));
      for (const [k, voterId] of voters.entries()) {
        const votedAt = at(askedAt, 1 + k / 10);
        if (!(await store.live.addVote(questionId, voterId, votedAt))) continue;
        await store.live.appendEvent(session.id, {
          at: votedAt,
          actorId: voterId,
          payload: { type: 'question.voted', questionId, votes: k + 1 },
        });
      }
      if (!question.answered) continue;
      const answeredAt = at(session.endsAt, -10 + n);
      await store.live.setQuestionStatus(questionId, 'answered', answeredAt);
      await store.live.appendEvent(session.id, {
        at: answeredAt,
        actorId: null,
        payload: {
          type: 'question.status',
          questionId,
          status: 'answered',
          previous: 'visible',
          question: {
            text: question.text,
            anonymous: true,
            askedById: askerId,
            votes: voters.length,
            askedSeq: asked.seq,
          },
        },
      });
    }
  }
}
