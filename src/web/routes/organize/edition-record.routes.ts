import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError, type UseCaseDeps } from '../../../app/deps.ts';
import { loadProgramme, type EditionProgramme } from '../../../app/programme/programme.queries.ts';
import type { Actor } from '../../../domain/access/actor.ts';
import type { Checked, FieldError } from '../../../domain/shared/result.ts';

/** What a form sends, and what a form shows back. */
export type FormValues = Record<string, unknown>;
/** The address's query string, which may prefill a form (a suggested time). */
export type Query = Record<string, string | undefined>;

/**
 * One kind of record that belongs to an edition (a day, a theme, a session): how to find it,
 * show its form, save it and delete it. The pages and their addresses are the same for all.
 */
export interface EditionRecordKind<R extends { id: string }> {
  /** The address segment and the overview's anchor, such as "days". */
  plural: string;
  /** The name of the record's id in the address, such as "dayId". */
  idParam: string;
  /** How the record is named when it is missing, such as "The day". */
  missing: string;
  /** Keys of DONE_MESSAGES shown on the overview after saving and deleting. */
  done: { saved: string; deleted: string };
  find(programme: EditionProgramme, id: string): R | undefined;
  valuesForNew(programme: EditionProgramme): FormValues;
  valuesForEdit(record: R, programme: EditionProgramme, query: Query): FormValues;
  renderForm(
    reply: FastifyReply,
    programme: EditionProgramme,
    id: string | null,
    form: { values: FormValues; errors: FieldError[]; query?: Query },
  ): FastifyReply;
  save(
    deps: UseCaseDeps,
    actor: Actor,
    slug: string,
    id: string | null,
    values: FormValues,
  ): Promise<Checked<unknown>>;
  remove(deps: UseCaseDeps, actor: Actor, slug: string, id: string): Promise<void>;
  /** The question and consequence the delete confirmation page shows. */
  describeDeletion(record: R, programme: EditionProgramme): { title: string; explanation: string };
}

type Slug = { slug: string };

/**
 * Registers the six organizer pages of a kind of record: new, create, edit, update, confirm
 * delete and delete. Every form re-shows typed values and problems; a record of another
 * edition named under this one answers 404.
 */
export function registerEditionRecordRoutes<R extends { id: string }>(
  app: FastifyInstance,
  deps: UseCaseDeps,
  kind: EditionRecordKind<R>,
): void {
  const base = `/editions/:slug/${kind.plural}`;
  const one = `${base}/:${kind.idParam}`;
  const idOf = (params: Record<string, string>) => params[kind.idParam] ?? '';
  const overview = (slug: string, done: string) =>
    `/organize/editions/${slug}?done=${done}#${kind.plural}`;
  const findOrFail = (programme: EditionProgramme, id: string) => {
    const record = kind.find(programme, id);
    if (!record) throw new NotFoundError(kind.missing);
    return record;
  };
  const saveAndAnswer = async (
    request: { actor: Actor; params: Slug; body: FormValues | undefined },
    reply: FastifyReply,
    id: string | null,
  ) => {
    const values = request.body ?? {};
    const result = await kind.save(deps, request.actor, request.params.slug, id, values);
    if (result.ok) return reply.redirect(overview(request.params.slug, kind.done.saved), 303);
    const programme = await loadProgramme(deps, request.params.slug);
    return kind.renderForm(reply, programme, id, { values, errors: result.errors });
  };

  app.get<{ Params: Slug }>(`${base}/new`, async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    return kind.renderForm(reply, programme, null, {
      values: kind.valuesForNew(programme),
      errors: [],
    });
  });

  app.post<{ Params: Slug; Body: FormValues }>(base, (request, reply) =>
    saveAndAnswer(request, reply, null),
  );

  app.get<{ Params: Slug & Record<string, string>; Querystring: Query }>(
    `${one}/edit`,
    async (request, reply) => {
      const programme = await loadProgramme(deps, request.params.slug);
      const record = findOrFail(programme, idOf(request.params));
      const values = kind.valuesForEdit(record, programme, request.query);
      return kind.renderForm(reply, programme, record.id, {
        values,
        errors: [],
        query: request.query,
      });
    },
  );

  app.post<{ Params: Slug & Record<string, string>; Body: FormValues }>(
    `${one}/edit`,
    (request, reply) => saveAndAnswer(request, reply, idOf(request.params)),
  );

  app.get<{ Params: Slug & Record<string, string> }>(`${one}/delete`, async (request, reply) => {
    const programme = await loadProgramme(deps, request.params.slug);
    const record = findOrFail(programme, idOf(request.params));
    const slug = programme.edition.slug;
    return reply.render('organize/confirm-delete.njk', {
      ...kind.describeDeletion(record, programme),
      edition: programme.edition,
      action: `/organize/editions/${slug}/${kind.plural}/${record.id}/delete`,
      cancelPath: `/organize/editions/${slug}#${kind.plural}`,
    });
  });

  app.post<{ Params: Slug & Record<string, string> }>(`${one}/delete`, async (request, reply) => {
    await kind.remove(deps, request.actor, request.params.slug, idOf(request.params));
    return reply.redirect(overview(request.params.slug, kind.done.deleted), 303);
  });
}
