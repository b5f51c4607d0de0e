import { DateTime } from 'luxon';
import type { RoomContext } from '../../app/live/room-context.ts';
import type { RoomView } from '../../app/live/room.queries.ts';
import { videoFor } from '../../domain/live/video.ts';
import { TEXT_LIMITS } from '../../domain/live/live-text.ts';
import { QUESTION_STATUS_LABELS, type QuestionSort } from '../../domain/live/questions.ts';
import { REACTIONS } from '../../domain/live/reactions.ts';
import { ROOM_STATE_LABELS, scheduledCloseAt } from '../../domain/live/room-state.ts';
import { formatTimeRange, formatShortDate } from './time.ts';

function clock(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat('HH:mm');
}

/** A room page's data, times in the viewer's zone. */
export function presentRoom(
  context: RoomContext,
  view: RoomView,
  options: { zone: string; sort: QuestionSort; jitsiDomain: string | null; basePath: string },
) {
  const { session, edition } = context;
  const { zone } = options;
  return {
    title: `${session.title}: session room`,
    edition: { name: edition.name, path: `/editions/${edition.slug}` },
    session: {
      id: session.id,
      title: session.title,
      path: `/editions/${edition.slug}/sessions/${session.id}`,
      when: `${formatShortDate(session.startsAt, zone)}, ${formatTimeRange(session.startsAt, session.endsAt, zone)}`,
      startsAt: session.startsAt,
      closesAt: scheduledCloseAt({
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        endedAt: null,
        openedAt: null,
      }).toISOString(),
    },
    room: {
      base: options.basePath,
      state: context.state,
      stateLabel: ROOM_STATE_LABELS[context.state],
      endedEarly: context.room.endedAt !== null,
      openedByModerator: context.room.openedAt !== null,
      queueEnabled: context.room.queueEnabled,
      askingLocked: context.room.askingLocked,
      lastSeq: view.lastSeq,
      zone,
      sort: options.sort,
      limits: TEXT_LIMITS,
    },
    video: videoFor(session.videoUrl, options.jitsiDomain),
    isModerator: view.isModerator,
    canTakePart: view.canTakePart,
    mutedMe: view.mutedMe,
    messages: view.messages.map((m) => ({ ...m, time: clock(m.postedAt, zone) })),
    questions: view.questions.map((q) => ({
      ...q,
      time: clock(q.askedAt, zone),
      statusLabel: QUESTION_STATUS_LABELS[q.status],
    })),
    pinned: view.pinned,
    reactions: REACTIONS.map((r) => ({ ...r, total: view.reactionTotals[r.kind] ?? 0 })),
    present: view.present,
    muted: view.muted,
    attendance: view.attendance,
    sortedChat: view.sortedChat
      ? view.sortedChat.map((group) => ({
          ...group,
          messages: group.messages.map((m) => ({ ...m, time: clock(m.postedAt, zone) })),
        }))
      : null,
  };
}
