/** A problem with one field of a form, a row of an import file or an API call. */
export interface FieldError {
  /** The field (form name, import column) the problem is in. */
  field: string;
  /** Plain-language message that names what is wrong and what to do. */
  message: string;
}

/** The outcome of checking input: the clean value, or every problem found. */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Builds a successful check. */
export function accepted<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** Builds a failed check. */
export function rejected<T>(errors: FieldError[]): Checked<T> {
  return { ok: false, errors };
}
