import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { decide, type Command } from '../../workflow/transitions.js';
import { DEFAULT_SETTINGS, type Settings } from '../../workflow/settings.js';
import { notifyAdded, warnMissingCalendarYears } from './change.js';
import { CATEGORY, CHANNEL, DEFAULT_CHANNEL, SEVERITY, type Category } from '../../workflow/vocab.js';
import { LOCAL_ZONE, readTimeOption, type GivenTime } from '../clock.js';
import type { CliContext } from '../context.js';
import { usage } from '../errors.js';
import { optionalVocab } from '../options.js';
import { renderOpened } from '../render/complaint.js';
import type { Draft } from '../render/draft.js';
import { complaintJson, toJsonText } from '../render/json.js';

/** The flags a complaint is recorded with (program.ts `withIntakeOptions`); `edit` corrects it under the same. */
export interface IntakeOptions {
  customer?: string;
  phone?: string;
  channel?: string;
  category?: string;
  severity?: string;
  desc?: string;
  request?: string;
  order?: string;
  ref?: string;
  received?: string;
}

export interface OpenOptions extends IntakeOptions {
  /** What makes it major (one of the shop's criteria). */
  criterion?: string;
  at?: string;
  by?: string;
  /** Print the acknowledgement slip (as text) right after recording. */
  slip?: boolean;
}

/** What a complaint cannot be recorded without, and the flags that give it. */
const REQUIRED = { customer: '--customer', category: '--category', description: '--desc' } as const;

export async function open(context: CliContext, options: OpenOptions): Promise<string> {
  // What was given is read before anything is asked, so that a typo fails at once.
  const draft = withCriterion(readIntake({ ...options, received: options.received ?? options.at }, options.received !== undefined ? '--received' : '--at', context.now), options.criterion);
  const record = (complete: Draft) => save(context, complete, options.by, options.slip === true);
  const missing = (Object.keys(REQUIRED) as (keyof typeof REQUIRED)[]).filter((field) => !draft[field]?.trim());
  // On a terminal, whether it is a major complaint is asked whenever the severity was not said.
  const askMajor = context.interactive && draft.severity === undefined && draft.majorCriterion === undefined;
  if (missing.length === 0 && !askMajor) return record(draft);
  if (!context.interactive) {
    const flags = missing.map((field) => REQUIRED[field]).join(', ');
    throw usage(
      `Missing ${flags}: give ${missing.length > 1 ? 'them as flags' : 'it as a flag'}, or run kesu open in a terminal to be asked.`,
      `缺少 ${flags}：请用参数给出，或在终端中运行 kesu open 按提示填写。`,
    );
  }
  // Nothing given at all: a walk through every field; otherwise only what is still needed.
  const asked = Object.values(draft).every((value) => value === undefined) ? 'everything' : [...missing, ...(askMajor ? (['severity'] as const) : [])];
  const { interview } = await import('./open-interview.js');
  // The shop's criteria of a major complaint; no database is made before a complaint is recorded.
  const settings = existsSync(context.dbPath) ? await (await context.store()).settings() : DEFAULT_SETTINGS;
  return interview(context, { draft, asked, by: options.by, settings }, record);
}

/** The criterion given (`--criterion`), kept in the draft for decide to judge; an empty one is none given. */
function withCriterion(draft: Draft, criterion: string | undefined): Draft {
  return criterion === undefined || criterion.trim() === '' ? draft : { ...draft, majorCriterion: criterion };
}

/**
 * The intake flags given, read as a draft (vocabulary words as codes, the received time as a time);
 * a flag not given leaves its field out. `receivedFlag`: the flag the received time is said under.
 */
export function readIntake(options: IntakeOptions, receivedFlag: string, now: GivenTime['at']): Draft {
  const draft: { -readonly [F in keyof Draft]: Draft[F] } = {
    customer: options.customer,
    phone: options.phone,
    channel: optionalVocab(CHANNEL, options.channel, '--channel') ?? undefined,
    category: optionalVocab(CATEGORY, options.category, '--category') ?? undefined,
    severity: optionalVocab(SEVERITY, options.severity, '--severity') ?? undefined,
    description: options.desc,
    request: options.request,
    received: options.received === undefined ? undefined : readTimeOption(options.received, receivedFlag, now),
    ref: options.ref,
    order: options.order,
  };
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined)) as Draft;
}

/** The command `decide` judges, from a draft with its category. */
export function openCommand(draft: Draft & { readonly category: Category }, stamp: { uuid: string; by: string }, now: GivenTime['at']): Command {
  return {
    type: 'open',
    ...stamp,
    at: draft.received?.at ?? now,
    dateOnly: draft.received?.dateOnly ?? false,
    ref: draft.ref ?? null,
    customer: draft.customer ?? '',
    phone: draft.phone ?? null,
    channel: draft.channel ?? DEFAULT_CHANNEL,
    category: draft.category,
    // Not said: decide takes it from the criterion, else the channel.
    severity: draft.severity ?? null,
    majorCriterion: draft.majorCriterion ?? null,
    description: draft.description ?? '',
    request: draft.request ?? null,
    order: draft.order ?? null,
  };
}

async function save(context: CliContext, draft: Draft, by: string | undefined, withSlip: boolean): Promise<string> {
  const { category } = draft;
  if (category === undefined) throw new Error('a complaint is recorded with its category');
  const store = await context.store();
  let shop: Settings | null = null;
  const { complaint, events } = await store.create((settings) =>
    decide(
      null,
      openCommand({ ...draft, category }, { uuid: randomUUID(), by: context.actor(by, (shop = settings)) }, context.now),
      { now: context.now, settings, zone: LOCAL_ZONE },
    ),
  );
  await warnMissingCalendarYears(context, shop!, events);
  await notifyAdded(context, shop!, { complaint, events }, events);
  const slip = withSlip ? await (await import('./slip.js')).renderSlip(context, complaint, shop!, 'text') : null;
  if (context.json) return toJsonText({ ...complaintJson(complaint, context.now, events), ...(slip === null ? {} : { slip }) });
  return slip === null ? renderOpened(complaint, context) : `${renderOpened(complaint, context)}\n${slip}`;
}
