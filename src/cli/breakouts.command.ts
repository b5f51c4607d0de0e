/**
 * `convene breakouts solve`: allocates breakout rooms for a JSON problem, as the contract in
 * breakouts.md says. The schedule goes to standard output (or --output), progress to
 * standard error; bad input exits with code 2 and one line, never a stack trace.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { allocateBreakoutRooms } from '../domain/breakouts/allocate-breakout-rooms.ts';
import { checkProblem } from '../domain/breakouts/breakout-problem.ts';

export interface BreakoutsIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Input the user can fix: one line, exit code 2. */
export class BreakoutsInputProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BreakoutsInputProblem';
  }
}

interface SolveOptions {
  input: string;
  output?: string;
  timeLimitMs?: string;
  seed?: string;
}

function wholeNumber(text: string | undefined, flag: string, least: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text) || Number(text) < least)
    throw new BreakoutsInputProblem(`${flag} must be a whole number of at least ${least}.`);
  return Number(text);
}

export async function solveBreakouts(io: BreakoutsIo, options: SolveOptions): Promise<number> {
  const timeLimitFlag = wholeNumber(options.timeLimitMs, '--time-limit-ms', 0);
  const seedFlag = wholeNumber(options.seed, '--seed', 0);
  const name = basename(options.input);
  let text: string;
  try {
    text = await readFile(options.input, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BreakoutsInputProblem(
      `${name}: ${code === 'ENOENT' ? 'there is no such file' : `the file cannot be read (${code ?? 'unknown error'})`}.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BreakoutsInputProblem(
      `${name}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const checked = checkProblem(raw);
  if (!checked.ok) {
    const [first, ...rest] = checked.problems;
    throw new BreakoutsInputProblem(
      `${name}: ${first ?? 'invalid input'}${rest.length > 0 ? ` (and ${rest.length} more: ${rest.join(' ')})` : ''}`,
    );
  }
  const problem = checked.problem;
  const seed = seedFlag ?? problem.seed ?? 1;
  const timeLimitMs = timeLimitFlag ?? problem.timeLimitMs ?? 5000;
  io.stderr(
    `Allocating ${problem.people.length} people over ${problem.rounds} rounds (seed ${seed}, up to ${timeLimitMs} ms)…\n`,
  );
  const schedule = allocateBreakoutRooms(problem, {
    seed,
    timeLimitMs,
    now: () => performance.now(),
    onProgress: ({ iterations, best }) =>
      io.stderr(`  ${iterations} moves tried; best [${best.join(', ')}]\n`),
  });
  const json = `${JSON.stringify(schedule)}\n`;
  if (options.output !== undefined) {
    await writeFile(options.output, json);
    io.stderr(`Wrote ${options.output}.\n`);
  } else io.stdout(json);
  io.stderr(`Score ${JSON.stringify(schedule.score)} in ${schedule.elapsedMs} ms.\n`);
  return 0;
}

/** Adds `breakouts solve` to the program. */
export function addBreakoutsCommand(
  program: Command,
  io: BreakoutsIo,
  setExitCode: (code: number) => void,
): void {
  const breakouts = program
    .command('breakouts')
    .description('Plan breakout rooms: who meets whom, round by round.');
  breakouts
    .command('solve')
    .description(
      'Allocate people to breakout rooms from a JSON problem (docs: breakouts contract); prints the schedule as JSON.',
    )
    .requiredOption('--input <file>', 'the problem, a JSON file')
    .option('--output <file>', 'write the schedule here instead of standard output')
    .option('--time-limit-ms <ms>', 'the most wall time to spend (default: the input, or 5000)')
    .option(
      '--seed <n>',
      'the seed; the same seed gives the same schedule (default: the input, or 1)',
    )
    .action(async (options: SolveOptions) => {
      setExitCode(await solveBreakouts(io, options));
    });
}
