/** A Server-Sent Events reader over fetch, for tests: collects events and waits for matching ones. */
export interface SseEvent {
  event: string;
  data: string;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  readonly #controller = new AbortController();
  #waiters: { match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  status = 0;

  static async open(url: string): Promise<SseReader> {
    const reader = new SseReader();
    const response = await fetch(url, { signal: reader.#controller.signal });
    reader.status = response.status;
    if (response.ok && response.body) void reader.#pump(response.body);
    return reader;
  }

  /** Resolves with the first event (already received or later) that matches; rejects after `timeoutMs`. */
  next(match: (e: SseEvent) => boolean, timeoutMs = 15_000): Promise<SseEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching event after ${timeoutMs} ms; got ${this.events.length}`)),
        timeoutMs,
      );
      this.#waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  close(): void {
    this.#controller.abort();
  }

  async #pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.#dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by close()
    }
  }

  #dispatch(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    const e = { event, data: data.join('\n') };
    this.events.push(e);
    for (const w of this.#waiters.filter((x) => x.match(e))) {
      this.#waiters.splice(this.#waiters.indexOf(w), 1);
      w.resolve(e);
    }
  }
}
