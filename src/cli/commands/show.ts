import type { CliContext } from '../context.js';
import { parseId } from '../options.js';
import { renderRecord } from './change.js';

export async function show(context: CliContext, idText: string): Promise<string> {
  const { complaint, events } = (await context.store('read')).find(parseId(idText));
  return renderRecord(context, complaint, events);
}
