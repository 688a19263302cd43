import { MOVES, type MoveTo } from '../../store/layout';
import { useI18n } from '../i18n/use-i18n';
import { useMetricInfo } from '../i18n/use-metric-info';
import { usePanelGrid } from './layout-context';
import { LAYOUT_MESSAGES } from './layout-messages';
import './layout.css';

const MOVE_TEXT: Record<MoveTo, 'moveFirst' | 'moveUp' | 'moveDown' | 'moveLast'> = {
  first: 'moveFirst',
  up: 'moveUp',
  down: 'moveDown',
  last: 'moveLast',
};

/**
 * A panel's own layout controls: a menu of moves (a disclosure, so the keyboard reaches every
 * move with Tab and Enter, and Escape closes it) and a hide button. Nothing outside a grid.
 * The shell hands it to the panel (`MetricPanel`'s `controls`): features do not import each other.
 */
export function PanelArrange({ name }: { name: string }) {
  const grid = usePanelGrid();
  const { locale } = useI18n();
  const { label } = useMetricInfo(name);
  if (!grid) return null;
  const m = LAYOUT_MESSAGES[locale];
  return (
    <div className="panel-arrange">
      <details className="panel-arrange__menu">
        <summary className="panel-arrange__toggle" title={m.arrangePanel(label)}>
          <span aria-hidden="true">⇅</span>
          <span className="visually-hidden">{m.arrangePanel(label)}</span>
        </summary>
        <div className="panel-arrange__moves" role="group" aria-label={m.arrangePanel(label)}>
          {MOVES.map((to) => (
            <button
              key={to}
              type="button"
              className="button button--small"
              data-action={`move-${to}`}
              onClick={(event) => grid.move(name, to, event.currentTarget)}
            >
              {m[MOVE_TEXT[to]]}
            </button>
          ))}
        </div>
      </details>
      <button
        type="button"
        className="button button--small button--quiet panel-arrange__hide"
        data-action="hide-panel"
        aria-label={m.hidePanel(label)}
        onClick={() => grid.hide(name)}
      >
        {m.hide}
      </button>
    </div>
  );
}
