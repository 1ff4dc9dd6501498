import type { CliContext } from '../context.js';
import { parseId } from '../options.js';
import { renderRecord } from './change.js';

export async function show(context: CliContext, idText: string): Promise<string> {
  const id = parseId(idText);
  const { complaint, events } = await (await context.store('read')).find(id);
  return renderRecord(context, complaint, events);
}
