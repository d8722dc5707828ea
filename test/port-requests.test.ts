/**
 * Requests over one long-lived port: answers matched by number, whatever their order; a port that
 * disconnects fails what it carried and the next request connects anew; a port that cannot take a
 * post fails that request only.
 */
import { describe, expect, test } from 'vitest';
import { type PortAnswer, type PortLike, type PortRequest, portRequests } from '../utils/port-requests';

function fakeWorker() {
  const ports: { posted: PortRequest[]; answer(a: PortAnswer): void; disconnect(): void; dead: boolean }[] =
    [];
  const connect = (): PortLike => {
    const onMessage: ((m: unknown) => void)[] = [];
    const onDisconnect: (() => void)[] = [];
    const port = {
      posted: [] as PortRequest[],
      dead: false,
      answer: (a: PortAnswer) => {
        for (const fn of onMessage) fn(a);
      },
      disconnect: () => {
        port.dead = true;
        for (const fn of onDisconnect) fn();
      },
    };
    ports.push(port);
    return {
      postMessage(message) {
        if (port.dead) throw new Error('Attempting to use a disconnected port object');
        port.posted.push(message as PortRequest);
      },
      onMessage: { addListener: (fn) => void onMessage.push(fn) },
      onDisconnect: { addListener: (fn) => void onDisconnect.push(fn) },
    };
  };
  return { ports, send: portRequests(connect) };
}

describe('requests over a port', () => {
  test('one port for every request; answers matched by number, in any order', async () => {
    const { ports, send } = fakeWorker();
    const a = send({ type: 'events:log', events: ['a'] });
    const b = send({ type: 'events:log', events: ['b'] });
    expect(ports).toHaveLength(1);
    const [first, second] = ports[0]?.posted ?? [];
    expect(first?.request).toEqual({ type: 'events:log', events: ['a'] });
    ports[0]?.answer({ n: second?.n ?? -1, ok: { stored: ['b'] } });
    ports[0]?.answer({ n: first?.n ?? -1, error: 'stats events not stored (QuotaExceededError)' });
    await expect(b).resolves.toEqual({ stored: ['b'] });
    await expect(a).rejects.toThrow('QuotaExceededError');
    // an answer for nothing waiting, and a message that is no answer, change nothing
    ports[0]?.answer({ n: 999, ok: 1 });
    const c = send({ type: 'x' });
    ports[0]?.answer({ n: ports[0].posted[2]?.n ?? -1, ok: 'c' });
    await expect(c).resolves.toBe('c');
    expect(ports).toHaveLength(1);
  });

  test('a disconnect fails what the port carried; the next request connects anew', async () => {
    const { ports, send } = fakeWorker();
    const a = send({ type: 'events:log', events: ['a'] });
    ports[0]?.disconnect();
    await expect(a).rejects.toThrow('went away');
    const b = send({ type: 'events:log', events: ['a'] });
    expect(ports).toHaveLength(2);
    ports[1]?.answer({ n: ports[1].posted[0]?.n ?? -1, ok: { stored: ['a'] } });
    await expect(b).resolves.toEqual({ stored: ['a'] });
  });

  test('a port that cannot take a post fails what it carried, and the next request gets a new port', async () => {
    const { ports, send } = fakeWorker();
    const earlier = send({ type: 'events:log', events: ['a'] });
    // dead without having said so (a post throws)
    const first = ports[0];
    if (first) first.dead = true;
    await expect(send({ type: 'events:log' })).rejects.toThrow('disconnected port');
    // nothing waits for an answer that cannot come
    await expect(earlier).rejects.toThrow('disconnected port');
    const next = send({ type: 'events:log' });
    expect(ports).toHaveLength(2);
    ports[1]?.answer({ n: ports[1].posted[0]?.n ?? -1, ok: 'ok' });
    await expect(next).resolves.toBe('ok');
  });
});
