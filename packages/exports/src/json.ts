/** `[` item, item, … `]` — a JSON array written item by item, never held whole. */
export async function* jsonArray(items: AsyncIterable<unknown>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const item of items) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

export interface StreamedMember {
  /** Keys from the document root down to the array. */
  path: readonly string[];
  items: AsyncIterable<unknown>;
  /** Leave the member out when it has no element (for schemas that say `minItems: 1`). */
  omitIfEmpty?: boolean;
}

/** An array element that is itself written as a stream of JSON text (e.g. a nested streamed document). */
export class RawJson {
  constructor(readonly chunks: AsyncIterable<string>) {}
}

const MARK = '\u0000aispm-stream-';

/**
 * A JSON document with some array members streamed: `head` is the document without them; each streamed
 * array is written element by element in document order, so no more than one element is held at a time.
 */
export async function* jsonDocument(
  head: Record<string, unknown>,
  members: readonly StreamedMember[],
  end = '\n',
): AsyncGenerator<string> {
  const streams: { first: IteratorResult<unknown>; rest: AsyncIterator<unknown> }[] = [];
  let doc: Record<string, unknown> = head;
  for (const m of members) {
    const rest = m.items[Symbol.asyncIterator]();
    // Only members that may be omitted are looked into before the document starts.
    const first = m.omitIfEmpty ? await rest.next() : { done: false as const, value: undefined, lazy: true };
    if (m.omitIfEmpty && first.done) continue;
    doc = setAt(doc, m.path, `${MARK}${streams.length}`);
    streams.push({ first, rest });
  }
  let tail = JSON.stringify(doc);
  const pattern = /"\\u0000aispm-stream-(\d+)"/;
  for (;;) {
    const match = pattern.exec(tail);
    if (!match) break;
    yield tail.slice(0, match.index);
    const stream = streams[Number(match[1])];
    if (!stream) throw new Error('streamed member out of range');
    yield* arrayOf(stream.first, stream.rest);
    tail = tail.slice(match.index + match[0].length);
  }
  yield `${tail}${end}`;
}

async function* arrayOf(first: IteratorResult<unknown> & { lazy?: boolean }, rest: AsyncIterator<unknown>) {
  yield '[';
  let n = 0;
  let next = first.lazy ? await rest.next() : first;
  while (!next.done) {
    yield n++ === 0 ? '\n' : ',\n';
    if (next.value instanceof RawJson) yield* next.value.chunks;
    else yield JSON.stringify(next.value);
    next = await rest.next();
  }
  yield ']';
}

function setAt(obj: unknown, path: readonly string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) throw new Error('empty path');
  const container = (obj ?? {}) as Record<string, unknown>;
  const inner = rest.length ? setAt(container[key], rest, value) : value;
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[Number(key)] = inner;
    return copy as unknown as Record<string, unknown>;
  }
  return { ...container, [key]: inner };
}

/** Drains a stream of chunks into one string (tests and small documents). */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}
