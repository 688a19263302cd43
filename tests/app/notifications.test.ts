import { describe, expect, it, vi } from 'vitest';
import { browserNotifyPorts } from '../../src/app/notifications';
import { webAudioSound } from '../../src/app/notifications-sound';

function fakeWindow(options: {
  permission?: NotificationPermission;
  hidden?: boolean;
  focused?: boolean;
}) {
  const created: { title: string; options: NotificationOptions; instance: FakeNotification }[] = [];
  class FakeNotification {
    static permission: NotificationPermission = options.permission ?? 'default';
    static requestPermission = vi.fn(() => {
      FakeNotification.permission = 'granted';
      return Promise.resolve<NotificationPermission>('granted');
    });
    onclick: (() => void) | null = null;
    close = vi.fn();
    constructor(title: string, opts: NotificationOptions) {
      created.push({ title, options: opts, instance: this });
    }
  }
  const doc = {
    title: 'Pulseboard',
    visibilityState: options.hidden ? 'hidden' : 'visible',
    hasFocus: () => options.focused ?? true,
  };
  const win = { Notification: FakeNotification, document: doc, focus: vi.fn() };
  return { win: win as unknown as Window, created, FakeNotification };
}

describe('browser notification ports', () => {
  it('raises a notification only with permission, and its click brings the page forward first', async () => {
    const { win, created, FakeNotification } = fakeWindow({});
    const ports = browserNotifyPorts(win);
    const onClick = vi.fn();
    expect(ports.permission()).toBe('default');
    expect(ports.show({ title: 'Critical: door', body: 'open', tag: 't1', onClick })).toBe(false);
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();

    expect(await ports.requestPermission()).toBe('granted');
    expect(ports.show({ title: 'Critical: door', body: 'open', tag: 't1', onClick })).toBe(true);
    expect(created[0]).toMatchObject({
      title: 'Critical: door',
      options: { body: 'open', tag: 't1' },
    });
    created[0]!.instance.onclick?.();
    expect(win.focus).toHaveBeenCalled();
    expect(created[0]!.instance.close).toHaveBeenCalled();
    expect(onClick).toHaveBeenCalled();
  });

  it('reads a browser without the Notification API as unsupported', async () => {
    const ports = browserNotifyPorts({ document: { title: '' } } as unknown as Window);
    expect(ports.permission()).toBe('unsupported');
    expect(await ports.requestPermission()).toBe('unsupported');
    expect(ports.show({ title: 'x', body: '', tag: 't', onClick: () => {} })).toBe(false);
  });

  it('counts the operator as looking only when the page is visible and focused', () => {
    expect(browserNotifyPorts(fakeWindow({}).win).isAttended()).toBe(true);
    expect(browserNotifyPorts(fakeWindow({ hidden: true }).win).isAttended()).toBe(false);
    expect(browserNotifyPorts(fakeWindow({ focused: false }).win).isAttended()).toBe(false);
  });
});

describe('the Web Audio beep', () => {
  function fakeAudio(initial: AudioContextState) {
    const started = vi.fn();
    class FakeContext {
      state: AudioContextState = initial;
      currentTime = 0;
      destination = {};
      resume = vi.fn(() => {
        this.state = 'running';
        return Promise.resolve();
      });
      createOscillator = () => ({
        type: 'sine',
        frequency: { setValueAtTime: vi.fn() },
        connect: vi.fn(),
        start: started,
        stop: vi.fn(),
      });
      createGain = () => ({
        gain: { setValueAtTime: vi.fn(), exponentialRampToValueAtTime: vi.fn() },
        connect: vi.fn(),
      });
    }
    return { Context: FakeContext as unknown as new () => AudioContext, started };
  }

  it('stays silent until a user gesture unlocked the audio, then beeps', () => {
    const { Context, started } = fakeAudio('suspended');
    const sound = webAudioSound(undefined, Context);
    expect(sound.beep()).toBe(false);
    expect(sound.unlock()).toBe(true);
    expect(sound.beep()).toBe(true);
    expect(started).toHaveBeenCalledTimes(1);
  });

  it('does nothing where there is no Web Audio', () => {
    const sound = webAudioSound(undefined, null);
    expect(sound.unlock()).toBe(false);
    expect(sound.beep()).toBe(false);
  });
});
