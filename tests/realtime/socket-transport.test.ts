import { describe, expect, it } from 'vitest';
import { newAttempt } from '../../src/realtime/attempt';
import type { MachineEvent } from '../../src/realtime/machine-types';
import { OWN_TASK_FRAME_CHARS, SocketTransport } from '../../src/realtime/socket-transport';
import { ScriptedSocket } from './scripted';

/**
 * A transport over one scripted socket, whose "next tasks" run only when the test says so.
 * `machine` sees each event before it is recorded, and may throw as a failing machine would.
 */
function transport(machine: (event: MachineEvent) => void = () => {}) {
  const events: MachineEvent[] = [];
  const tasks: (() => void)[] = [];
  const sockets: ScriptedSocket[] = [];
  const subject = new SocketTransport(
    () => {
      const socket = new ScriptedSocket();
      sockets.push(socket);
      return socket;
    },
    'ws://127.0.0.1:9/ws',
    (event) => {
      machine(event);
      events.push(event);
    },
    (task) => tasks.push(task),
  );
  const attempt = newAttempt(1);
  subject.open(attempt, 'main');
  const socket = sockets[0]!;
  socket.open();
  return {
    socket,
    attempt,
    transport: subject,
    /** What reached the machine, in order: frames by seq, other events by type. */
    seen: () =>
      events.map((e) =>
        e.type === 'frame'
          ? e.frame.ok && 'seq' in e.frame.message
            ? `frame ${e.frame.message.seq}`
            : 'bad frame'
          : e.type,
      ),
    pendingTasks: () => tasks.length,
    runTask: () => tasks.shift()?.(),
  };
}

/** A `status` frame of at least `chars` characters. */
const frame = (seq: number, chars = 100) =>
  JSON.stringify({ type: 'status', seq, level: 'info', message: 'x'.repeat(chars) });

describe('socket transport: the order and the tasks frames are handled in', () => {
  it('handles a small frame at once, in the socket event that brought it', () => {
    const t = transport();
    t.socket.receive(frame(1));
    expect(t.seen()).toEqual(['socket-opened', 'frame 1']);
    expect(t.pendingTasks()).toBe(0);
  });

  it('parses a frame near the cap in a task of its own, not in the one that received it', () => {
    const t = transport();
    t.socket.receive(frame(1, OWN_TASK_FRAME_CHARS));
    expect(t.seen()).toEqual(['socket-opened']);
    expect(t.pendingTasks()).toBe(1);
    t.runTask();
    expect(t.seen()).toEqual(['socket-opened', 'frame 1']);
  });

  it('gives each big frame its own task, and lets small ones after it share the last', () => {
    const t = transport();
    t.socket.receive(frame(1, OWN_TASK_FRAME_CHARS));
    t.socket.receive(frame(2, OWN_TASK_FRAME_CHARS));
    t.socket.receive(frame(3));
    t.socket.receive(frame(4));
    expect(t.seen()).toEqual(['socket-opened']);
    t.runTask();
    expect(t.seen()).toEqual(['socket-opened', 'frame 1']);
    t.runTask();
    expect(t.seen()).toEqual(['socket-opened', 'frame 1', 'frame 2', 'frame 3', 'frame 4']);
    expect(t.pendingTasks()).toBe(0);
  });

  it('never lets a close overtake the frames the socket sent before it', () => {
    const t = transport();
    t.socket.receive(frame(1, OWN_TASK_FRAME_CHARS));
    t.socket.receive(frame(2));
    t.socket.drop(1011);
    expect(t.seen()).toEqual(['socket-opened']);
    t.runTask();
    expect(t.seen()).toEqual(['socket-opened', 'frame 1', 'frame 2', 'socket-closed']);
  });

  it('drops what waits for a socket that was closed from our side meanwhile', () => {
    const t = transport();
    t.socket.receive(frame(1, OWN_TASK_FRAME_CHARS));
    t.transport.close(t.attempt, 'main', 1000, '');
    t.runTask();
    expect(t.seen()).toEqual(['socket-opened']);
  });

  it('keeps the queue moving when handling one frame throws', () => {
    let thrown = false;
    const t = transport((event) => {
      if (event.type === 'frame' && !thrown) {
        thrown = true;
        throw new Error('machine failed');
      }
    });
    t.socket.receive(frame(1, OWN_TASK_FRAME_CHARS));
    t.socket.receive(frame(2, OWN_TASK_FRAME_CHARS));
    expect(t.runTask).toThrow('machine failed');
    t.runTask();
    expect(t.seen()).toEqual(['socket-opened', 'frame 2']);
  });
});
