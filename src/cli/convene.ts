/**
 * The `convene` command: import a programme, bring the database up to date, start the
 * server. Input the user can fix (a bad file, a wrong setting) exits with code 2 and a plain
 * message, never a stack trace; anything else exits with code 1.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { importProgramme } from '../app/programme/import-programme.ts';
import { describeSummary, type ImportProblem } from '../app/programme/programme-document.ts';
import { parseProgrammeFile, programmeFileFormat } from '../app/programme/programme-file.ts';
import { ConfigError, readConfig } from '../config.ts';
import { addBreakoutsCommand, BreakoutsInputProblem } from './breakouts.command.ts';
import { compose } from '../main.ts';

/** Where the command writes and what environment it reads; a test may pass its own. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** `convene --help | head` closes the pipe early: that is not an error worth a stack trace. */
function stopQuietlyWhenOutputCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
}

/** Input the user can fix: each line is printed as it is, and the command exits with code 2. */
class InputProblem extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'InputProblem';
  }
}

/** Runs the command with its arguments (without "node convene"); answers the exit code. */
export async function runConvene(args: string[], io: CommandIo = processIo): Promise<number> {
  if (io === processIo) stopQuietlyWhenOutputCloses();
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has already printed its message (or the help) through `io`.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InputProblem) {
      io.stderr(`${error.lines.join('\n')}\n`);
      return 2;
    }
    if (error instanceof BreakoutsInputProblem) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`convene: ${error.message}\n`);
      return 2;
    }
    io.stderr(`convene: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function buildProgram(io: CommandIo, setExitCode: (code: number) => void): Command {
  const program = new Command('convene')
    .description(
      'Run and script Convene: import programmes, update the database, start the server.',
    )
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nConfiguration comes from the environment: CONVENE_DATA_DIR (the embedded SQLite database, ./data by default) or DATABASE_URL (PostgreSQL).',
    );

  const programme = program
    .command('programme')
    .description('Work with the programme of editions: days, themes, sessions, people.');

  programme
    .command('import')
    .description(
      'Import a programme from a JSON file, or the sessions of one edition from a CSV file. All or nothing: when anything is wrong, every problem is listed and nothing is written.',
    )
    .argument(
      '<file>',
      'a .json file (governments, people, editions) or a .csv file (sessions of one edition)',
    )
    .option('--edition <slug>', 'the edition a CSV file adds sessions to, such as dsc-2021')
    .option('--dry-run', 'check the file and show what would change, without writing anything')
    .addHelpText(
      'after',
      '\nExamples:\n  convene programme import programme.json\n  convene programme import sessions.csv --edition dsc-2021 --dry-run\n\nThe file formats are described in docs/programme-import.md.',
    )
    .action(async (file: string, options: { edition?: string; dryRun?: boolean }) => {
      setExitCode(await importFile(io, file, options));
    });

  program
    .command('migrate')
    .description('Bring the database up to date with the latest migration, and print its version.')
    .action(async () => {
      const composition = await compose(readConfig(io.env));
      try {
        const { database, migration } = await composition.checkHealth();
        io.stdout(`The ${database} database is up to date: migration ${migration ?? '(none)'}.\n`);
      } finally {
        await composition.close();
      }
    });

  program
    .command('serve')
    .description('Start the web server on the configured HOST and PORT; stops on Ctrl+C.')
    .action(async () => {
      const { startServer } = await import('../main.ts');
      await startServer();
    });

  addBreakoutsCommand(program, io, setExitCode);

  return program;
}

async function importFile(
  io: CommandIo,
  file: string,
  options: { edition?: string; dryRun?: boolean },
): Promise<number> {
  const config = readConfig(io.env);
  const name = basename(file);
  const format = programmeFileFormat(file);
  if (!format)
    throw new InputProblem([`${name}: name the file .json or .csv, so that its format is known.`]);
  io.stderr(`Reading ${name}…\n`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputProblem([
      `${name}: ${code === 'ENOENT' ? 'there is no such file' : `the file cannot be read (${code ?? 'unknown error'})`}.`,
    ]);
  }
  const parsed = parseProgrammeFile(text, { format, editionSlug: options.edition ?? null });
  if (!parsed.ok) throw new InputProblem(listProblems(name, parsed.problems));

  io.stderr(
    `Checking ${name} against the ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'} database…\n`,
  );
  const composition = await compose(config);
  try {
    const result = await importProgramme(composition.deps, parsed.document, {
      dryRun: options.dryRun === true,
      locate: parsed.locate,
      fileProblems: parsed.problems,
    });
    if (!result.ok) throw new InputProblem(listProblems(name, result.problems));
    io.stdout(
      `${result.dryRun ? `Dry run: ${name} is correct, and nothing was written. Importing it would do this:` : `Imported ${name}:`}\n` +
        describeSummary(result.summary)
          .map((line) => `  ${line}\n`)
          .join(''),
    );
    return 0;
  } finally {
    await composition.close();
  }
}

/** One line per problem; CSV problems in the order of the rows, so the file can be fixed top to bottom. */
function listProblems(name: string, problems: ImportProblem[]): string[] {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const row = (problem: ImportProblem) => Number(/^row (\d+)/.exec(problem.location)?.[1] ?? 0);
  return [
    `${name} has ${count}, so nothing was imported:`,
    ...[...problems]
      .sort((a, b) => row(a) - row(b))
      .map((problem) => `  ${problem.location}: ${problem.message}`),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runConvene(process.argv.slice(2));
}
