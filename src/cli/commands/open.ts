import { randomUUID } from 'node:crypto';
import { decide } from '../../workflow/transitions.js';
import { CATEGORY, CHANNEL, DEFAULT_CHANNEL, DEFAULT_SEVERITY, SEVERITY } from '../../workflow/vocab.js';
import { LOCAL_ZONE, readTimeOption } from '../clock.js';
import type { CliContext } from '../context.js';
import { usage } from '../errors.js';
import { optionalVocab } from '../options.js';
import type { OpenAnswers, OpenField } from '../prompts.js';
import { renderOpened } from '../render/complaint.js';
import { complaintJson, toJsonText } from '../render/json.js';

export interface OpenOptions {
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
  at?: string;
  by?: string;
}

const FLAGS: Record<'customer' | 'category' | 'description', string> = {
  customer: '--customer',
  category: '--category',
  description: '--desc',
};

export async function open(context: CliContext, options: OpenOptions): Promise<string> {
  // Check what was given before asking anything, so a typo fails at once.
  const given: OpenAnswers = {
    customer: options.customer,
    phone: options.phone,
    channel: optionalVocab(CHANNEL, options.channel, '--channel') ?? undefined,
    category: optionalVocab(CATEGORY, options.category, '--category') ?? undefined,
    severity: optionalVocab(SEVERITY, options.severity, '--severity') ?? undefined,
    description: options.desc,
    request: options.request,
  };
  const missing = (['customer', 'category', 'description'] as const).filter((field) => !given[field]?.trim());
  const fields = missing.length ? await completeFields(context, given, missing) : given;
  const received = options.received ?? options.at;
  const { at, dateOnly } = received === undefined ? { at: context.now, dateOnly: false } : readTimeOption(received, options.received !== undefined ? '--received' : '--at', context.now);
  const store = await context.store();
  const { complaint, events } = await store.create((settings) =>
    decide(
      null,
      {
        type: 'open',
        uuid: randomUUID(),
        ref: options.ref ?? null,
        customer: fields.customer ?? '',
        phone: fields.phone ?? null,
        channel: fields.channel ?? DEFAULT_CHANNEL,
        category: fields.category!,
        severity: fields.severity ?? DEFAULT_SEVERITY,
        description: fields.description ?? '',
        request: fields.request ?? null,
        order: options.order ?? null,
        dateOnly,
        at,
        by: context.actor(options.by, settings),
      },
      { now: context.now, settings, zone: LOCAL_ZONE },
    ),
  );
  return context.json ? toJsonText(complaintJson(complaint, context.now, events)) : renderOpened(complaint, context);
}

async function completeFields(context: CliContext, given: OpenAnswers, missing: readonly (keyof typeof FLAGS)[]): Promise<OpenAnswers> {
  if (!context.interactive) {
    const flags = missing.map((field) => FLAGS[field]).join(', ');
    throw usage(
      `Missing ${flags}: give ${missing.length > 1 ? 'them as flags' : 'it as a flag'}, or run kesu open in a terminal to be asked.`,
      `缺少 ${flags}：请用参数给出，或在终端中运行 kesu open 按提示填写。`,
    );
  }
  // Nothing given at all: a walk through every field; otherwise only what is still needed.
  const nothingGiven = Object.values(given).every((value) => value === undefined);
  const order: OpenField[] = ['customer', 'phone', 'channel', 'category', 'severity', 'description', 'request'];
  const ask = nothingGiven ? order : order.filter((field) => (missing as readonly string[]).includes(field));
  const { askOpenFields } = await import('../prompts.js');
  return { ...given, ...(await askOpenFields(ask, context.lang)) };
}
