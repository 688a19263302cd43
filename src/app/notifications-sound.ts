/**
 * A short beep generated with Web Audio: no asset to download. Browsers start an AudioContext
 * suspended unless it is created or resumed during a user gesture (autoplay rules), so
 * `unlock()` is called from one (the operator turning sound on, or their first click after a
 * reload); until then `beep()` stays silent instead of queueing sound for later.
 */
export type SoundPort = {
  /** Call from a user gesture; false where there is no Web Audio. */
  unlock(): boolean;
  /** One beep if the audio is running; false when it could not sound. */
  beep(): boolean;
};

type AudioContextCtor = new () => AudioContext;

export function webAudioSound(
  win: Window | undefined = globalThis.window,
  Context: AudioContextCtor | null = audioContextOf(win),
): SoundPort {
  let context: AudioContext | null = null;
  return {
    unlock() {
      if (!Context) return false;
      try {
        context ??= new Context();
        if (context.state === 'suspended') void context.resume().catch(() => {});
        return true;
      } catch {
        return false;
      }
    },
    beep() {
      if (!context || context.state !== 'running') return false;
      const start = context.currentTime;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.setValueAtTime(880, start);
      // Ramped in and out: a square-edged tone clicks.
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.4);
      return true;
    },
  };
}

function audioContextOf(win: Window | undefined): AudioContextCtor | null {
  const w = win as unknown as { AudioContext?: unknown; webkitAudioContext?: unknown } | undefined;
  const Ctor = w?.AudioContext ?? w?.webkitAudioContext;
  return typeof Ctor === 'function' ? (Ctor as AudioContextCtor) : null;
}
