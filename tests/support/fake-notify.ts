import { vi } from 'vitest';
import type { Permission, NotifyPorts, SystemNotice } from '../../src/app/notifications';

/** NotifyPorts a test drives: permission, whether the operator is looking, the title, a beep log. */
export function fakeNotifyPorts(
  options: { permission?: Permission; attended?: boolean; title?: string } = {},
) {
  const state = {
    permission: options.permission ?? 'granted',
    attended: options.attended ?? false,
    title: options.title ?? 'Pulseboard',
    answer: 'granted' as Permission,
  };
  const shown: SystemNotice[] = [];
  const ports: NotifyPorts = {
    permission: () => state.permission,
    requestPermission: vi.fn(() => {
      state.permission = state.answer;
      return Promise.resolve(state.permission);
    }),
    show: vi.fn((notice: SystemNotice) => {
      if (state.permission !== 'granted') return false;
      shown.push(notice);
      return true;
    }),
    isAttended: () => state.attended,
    title: () => state.title,
    setTitle: (title) => {
      state.title = title;
    },
    sound: { unlock: vi.fn(() => true), beep: vi.fn(() => true) },
  };
  return { ports, state, shown };
}
