import type { Page } from 'playwright-core';

/**
 * Hides the page from its scripts' point of view, or shows it again.
 *
 * Headless Chromium (150, checked 2026-12-02) keeps every page visible whatever the harness does:
 * another page of the context brought to front, a second tab in the same window activated over it
 * (`Target.createTarget` + `Target.activateTarget`), `Emulation.setFocusEmulationEnabled(false)`,
 * `Page.setWebLifecycleState` frozen then active, and the window minimised
 * (`Browser.setWindowBounds`) all leave `document.visibilityState` at 'visible' (only
 * `hasFocus()` moves); the protocol has no visibility override. So this emulates what Chromium
 * does to a background tab: `visibilityState`/`hidden` say hidden, a `visibilitychange` fires, and
 * requestAnimationFrame callbacks are held until the tab is shown again, then run in its first
 * frame. Timers and sockets keep running, as in a real background tab's first minutes.
 */
export async function setPageHidden(page: Page, hidden: boolean): Promise<string> {
  return page.evaluate((hide) => {
    type Held = { callback: FrameRequestCallback; nativeId: number | null };
    type Emulation = { native: typeof requestAnimationFrame; held: Map<number, Held> };
    const w = window as unknown as Window & { __BENCH_HIDDEN__?: Emulation };
    let emulation = w.__BENCH_HIDDEN__;
    if (!emulation) {
      const native = window.requestAnimationFrame.bind(window);
      const nativeCancel = window.cancelAnimationFrame.bind(window);
      const held = new Map<number, Held>();
      let nextId = -1;
      emulation = { native, held };
      w.__BENCH_HIDDEN__ = emulation;
      // Negative ids are held frames; a held frame cancelled after the return cancels the real one.
      window.requestAnimationFrame = (callback) => {
        if (document.visibilityState === 'visible') return native(callback);
        const id = nextId--;
        held.set(id, { callback, nativeId: null });
        return id;
      };
      window.cancelAnimationFrame = (id) => {
        if (id >= 0) return nativeCancel(id);
        const entry = held.get(id);
        held.delete(id);
        if (entry?.nativeId != null) nativeCancel(entry.nativeId);
      };
    }
    const state = hide ? 'hidden' : 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hide });
    if (!hide) {
      const { native, held } = emulation;
      for (const [id, entry] of held) {
        entry.nativeId = native((time) => {
          held.delete(id);
          entry.callback(time);
        });
      }
    }
    document.dispatchEvent(new Event('visibilitychange'));
    return document.visibilityState;
  }, hidden);
}
