import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createOperatorStore } from '../../../src/store';
import { BackendProvider, type BackendView } from '../../../src/ui/shared/backend-context';
import { Toolbar } from '../../../src/ui/toolbar/Toolbar';
import { renderDashboard } from '../../support/render';

const OWN: BackendView = {
  mode: 'remote',
  host: 'pulse.example.com',
  deployment: true,
  foreign: false,
};

function renderToolbar(backend: BackendView | null, languages = ['en-US']) {
  const operator = createOperatorStore();
  const view = renderDashboard(
    <BackendProvider backend={backend}>
      <Toolbar />
    </BackendProvider>,
    { operator, environment: { languages } },
  );
  return { ...view, operator };
}

const backend = () => screen.getByTestId('backend');

describe('BackendIdentity', () => {
  it('shows the backend host', () => {
    renderToolbar(OWN);
    expect(backend()).toHaveTextContent('Backend pulse.example.com');
    expect(backend()).toHaveAttribute('data-foreign', 'false');
    expect(screen.queryByTestId('backend-refused')).toBeNull();
  });

  it('names the in-page demo backend', () => {
    renderToolbar({ mode: 'mock', host: '127.0.0.1:5173', deployment: false, foreign: false });
    expect(backend()).toHaveTextContent('demo backend (in page)');
    expect(backend()).toHaveAttribute('data-mode', 'mock');
  });

  it("marks a backend chosen by a link as not the deployment's own, in English and Korean", () => {
    const foreign = { ...OWN, host: 'staging.example.com:8443', foreign: true };
    const english = renderToolbar(foreign);
    expect(backend()).toHaveTextContent("Not this deployment's backend: staging.example.com:8443");
    expect(backend()).toHaveAttribute('data-foreign', 'true');
    english.unmount();
    renderToolbar(foreign, ['ko-KR']);
    expect(backend()).toHaveTextContent('이 배포의 백엔드가 아닙니다: staging.example.com:8443');
  });

  it("marks a demo build's ?api= backend as not the page's own", () => {
    renderToolbar({ mode: 'remote', host: '127.0.0.1:8787', deployment: false, foreign: true });
    expect(backend()).toHaveTextContent("Not this page's own backend: 127.0.0.1:8787");
    expect(backend()).toHaveAttribute('data-foreign', 'true');
  });

  it('says on screen, as plain text, that a link was refused and where it stays', () => {
    renderToolbar({
      ...OWN,
      refused: { value: 'https://evil.example/<b>x</b>', reason: 'not_allowed' },
    });
    const refused = screen.getByTestId('backend-refused');
    expect(refused).toHaveAttribute('role', 'alert');
    expect(refused).toHaveTextContent(
      'Refused ?api=https://evil.example/<b>x</b>: not a backend this deployment allows. Staying on pulse.example.com.',
    );
    expect(refused.querySelector('b')).toBeNull();
  });

  it('shortens a very long refused link', () => {
    renderToolbar({
      ...OWN,
      refused: { value: `https://${'a'.repeat(5_000)}`, reason: 'not_http' },
    });
    expect(screen.getByTestId('backend-refused').textContent?.length).toBeLessThan(300);
  });

  it('reports a failing browser storage quietly, with its count', () => {
    const { operator } = renderToolbar(OWN);
    expect(screen.queryByTestId('storage-problem')).toBeNull();
    act(() =>
      operator.setState({ storageProblem: { count: 3, at: 1, error: 'QuotaExceededError' } }),
    );
    const line = screen.getByTestId('storage-problem');
    expect(line).toHaveTextContent('Could not save to browser storage (3×)');
    expect(line).not.toHaveAttribute('role');
    expect(line).toHaveAttribute('title', 'QuotaExceededError');
  });

  it('shows nothing where no backend was provided', () => {
    renderToolbar(null);
    expect(screen.queryByTestId('backend')).toBeNull();
  });
});
