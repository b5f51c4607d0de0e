import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  loadRoomNotes,
  roomNotesSubject,
  saveRoomNotes,
  type RoomNotesSaved,
  type RoomNotesView,
} from '../../../app/breakouts/room-notes.ts';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import {
  confirmTheme,
  notesText,
  removeTheme,
  themesOfSubjects,
  ThemeTagError,
} from '../../../app/themes/theme-tags.ts';
import { NOTE_SECTIONS, type NoteSections } from '../../../domain/notes/notes.ts';
import { PERSON_ROLE_LABELS } from '../../../domain/people/person.ts';
import { can } from '../../../domain/policy/policy.ts';
import type { FieldError } from '../../../domain/shared/result.ts';
import { authorize } from '../../plugins/actor.ts';
import { presentForm } from '../../presenters/form.presenter.ts';
import { formatDateTime, formatShortDate, formatTimeRange } from '../../presenters/time.ts';

type Params = { slug: string; roomId: string };
type Body = Record<string, unknown>;

const DONE: Record<string, string> = {
  saved: 'The notes were saved.',
  unchanged: 'The notes were already saved as they are: nothing changed.',
  'theme-confirmed': 'The theme was added to the notes.',
  'theme-removed': 'The theme was taken off the notes.',
};

function sectionsOf(values: NoteSections) {
  return Object.fromEntries(NOTE_SECTIONS.map(({ key }) => [key, values[key]]));
}

/** A breakout room's notes: its rapporteur writes them, the people in the room read them. */
export async function breakoutNotesRoutes(app: FastifyInstance, { deps }: { deps: UseCaseDeps }) {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: RoomNotesView,
    options: {
      values?: Body;
      errors?: FieldError[];
      conflict?: Extract<RoomNotesSaved, { kind: 'conflict' }>;
      done?: string;
      /** A refused theme change, with its status. */
      themeError?: ThemeTagError;
    } = {},
  ) => {
    const { context, room } = view;
    const edition = context.edition;
    const zone = request.viewerTimeZone ?? edition.homeTimeZone;
    const subject = { editionId: edition.id, editionStatus: edition.status };
    const organizes = can(request.actor, 'breakouts.manage', subject);
    const stored = view.notes?.sections ?? null;
    const errors = options.errors ?? [];
    const conflict = options.conflict;
    const savedBy = view.savedByName ?? 'someone who has left';
    const canWrite = can(request.actor, 'breakouts.take-notes', roomNotesSubject(view));
    // Themes are suggested from the saved notes, for those who write them to confirm.
    const themes =
      canWrite && view.notes
        ? ((
            await themesOfSubjects(
              deps,
              await deps.store.programme.listThemes(edition.id),
              'notes',
              [{ id: view.notes.id, text: notesText(view.notes) }],
            )
          ).get(view.notes.id) ?? null)
        : null;
    return reply.render(
      'programme/breakout-notes.njk',
      {
        title: `Notes of ${room.name}, round ${view.roundNumber}`,
        edition,
        room,
        roundNumber: view.roundNumber,
        roundTitle: view.round.title,
        prompt: view.round.description,
        when: `${formatShortDate(view.round.startsAt, zone)}, ${formatTimeRange(view.round.startsAt, view.round.endsAt, zone)}`,
        members: view.members.map((member) => ({
          name: member.name,
          government: member.government?.country ?? 'no government',
          role: PERSON_ROLE_LABELS[member.person.role],
        })),
        rapporteur: view.rapporteur?.name ?? null,
        savedState: view.notes
          ? `${formatDateTime(view.notes.updatedAt, zone)} by ${savedBy} (version ${view.notes.version})`
          : null,
        canWrite,
        formAction: `/editions/${edition.slug}/breakouts/rooms/${room.id}/notes`,
        themes,
        themeError: options.themeError?.message ?? null,
        backUrl: organizes
          ? `/organize/editions/${edition.slug}/breakouts#room-${room.id}`
          : `/editions/${edition.slug}/breakouts`,
        backLabel: organizes ? 'Breakout rooms' : 'Your breakout room',
        sections: NOTE_SECTIONS,
        written: NOTE_SECTIONS.filter(({ key }) => (stored?.[key] ?? '').trim() !== '').map(
          ({ key, label }) => ({ label, text: stored?.[key] ?? '' }),
        ),
        baseVersion: conflict
          ? conflict.theirs.version
          : (options.values?.baseVersion ?? view.notes?.version ?? 0),
        conflict: conflict
          ? {
              by: conflict.theirsSavedBy ?? 'Someone else',
              version: conflict.theirs.version,
              sections: NOTE_SECTIONS.map(({ key, label }) => ({
                label,
                text: conflict.theirs.sections[key],
              })),
            }
          : null,
        form: presentForm(
          conflict
            ? sectionsOf(conflict.yours)
            : (options.values ?? (stored ? sectionsOf(stored) : {})),
          errors,
        ),
        done: options.done ? DONE[options.done] : undefined,
      },
      options.themeError?.status ?? (conflict ? 409 : errors.length > 0 ? 400 : 200),
    );
  };

  const address = '/editions/:slug/breakouts/rooms/:roomId/notes';

  /** The edition's people only, before anything about the room is looked up (or found missing). */
  const loadForMember = async (request: FastifyRequest<{ Params: Params }>) => {
    const edition = await deps.store.programme.findEditionBySlug(request.params.slug);
    if (!edition) throw new NotFoundError(`The edition "${request.params.slug}"`);
    authorize(request, 'breakouts.view-own', {
      editionId: edition.id,
      editionStatus: edition.status,
    });
    return loadRoomNotes(deps, edition.slug, request.params.roomId);
  };

  app.get<{ Params: Params; Querystring: { done?: string } }>(address, async (request, reply) => {
    const view = await loadForMember(request);
    authorize(request, 'breakouts.read-notes', roomNotesSubject(view));
    return render(request, reply, view, { done: request.query.done });
  });

  /** Confirms or removes a theme of the room's notes, for those who write them. */
  const tagTheme =
    (change: typeof confirmTheme | typeof removeTheme, done: string) =>
    async (request: FastifyRequest<{ Params: Params; Body: Body }>, reply: FastifyReply) => {
      const view = await loadForMember(request);
      authorize(request, 'breakouts.take-notes', roomNotesSubject(view));
      try {
        if (!view.notes)
          throw new ThemeTagError('conflict', 'Save the notes before tagging them with themes.');
        await change(
          deps,
          request.actor,
          'notes',
          view.notes.id,
          ((request.body ?? {}) as Body).themeId,
          { notesOfRoomId: view.room.id },
        );
      } catch (error) {
        if (error instanceof ThemeTagError)
          return render(request, reply, view, { themeError: error });
        throw error;
      }
      return reply.redirect(
        `/editions/${view.context.edition.slug}/breakouts/rooms/${view.room.id}/notes?done=${done}#themes`,
        303,
      );
    };
  app.post<{ Params: Params; Body: Body }>(
    `${address}/themes/confirm`,
    tagTheme(confirmTheme, 'theme-confirmed'),
  );
  app.post<{ Params: Params; Body: Body }>(
    `${address}/themes/remove`,
    tagTheme(removeTheme, 'theme-removed'),
  );

  app.post<{ Params: Params; Body: Body }>(address, async (request, reply) => {
    const { slug, roomId } = request.params;
    const view = await loadForMember(request);
    authorize(request, 'breakouts.take-notes', roomNotesSubject(view));
    const body = (request.body ?? {}) as Body;
    const result = await saveRoomNotes(deps, request.actor, slug, roomId, {
      sections: Object.fromEntries(NOTE_SECTIONS.map(({ key }) => [key, body[key]])),
      baseVersion: body.baseVersion,
    });
    if (!result.ok) return render(request, reply, view, { values: body, errors: result.errors });
    if (result.value.kind === 'conflict')
      return render(request, reply, await loadRoomNotes(deps, slug, roomId), {
        conflict: result.value,
      });
    return reply.redirect(
      `/editions/${view.context.edition.slug}/breakouts/rooms/${roomId}/notes?done=${result.value.kind}`,
      303,
    );
  });
}
