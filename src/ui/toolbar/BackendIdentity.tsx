import { useBackend } from '../shared/backend-context';
import { useOperator } from '../shared/operator-context';
import { useI18n } from '../i18n/use-i18n';
import './toolbar.css';

/** A link can be long: enough of it to recognise, not a banner-sized paste. */
const MAX_SHOWN = 120;

/**
 * Which backend this dashboard is watching, always on screen: a link (`?api=`) can point the
 * page anywhere, so a backend that is not the deployment's own is marked unmissably, and a link
 * the deployment refused says so. Also where a failing browser storage is reported, quietly.
 */
export function BackendIdentity() {
  const backend = useBackend();
  const storageProblem = useOperator((s) => s.storageProblem);
  const { t } = useI18n();
  if (!backend) return null;
  const name = backend.mode === 'mock' ? t.backendDemo : backend.host;
  const foreignText = backend.deployment ? t.backendForeign : t.backendForeignDemo;
  return (
    <>
      <span
        className={`backend${backend.foreign ? ' backend--foreign' : ''}`}
        data-testid="backend"
        data-mode={backend.mode}
        data-foreign={backend.foreign ? 'true' : 'false'}
      >
        {backend.foreign ? (
          <>
            <span aria-hidden="true">⚠ </span>
            {foreignText(name)}
          </>
        ) : (
          <>
            <span className="backend__label">{t.backend}</span> {name}
          </>
        )}
      </span>
      {backend.refused && (
        <p className="backend-refused" role="alert" data-testid="backend-refused">
          {t.backendRefused[backend.refused.reason](shorten(backend.refused.value), name)}
        </p>
      )}
      {storageProblem && (
        <p
          className="storage-problem"
          data-testid="storage-problem"
          data-count={storageProblem.count}
          title={storageProblem.error}
        >
          {t.storageProblem(storageProblem.count)}
        </p>
      )}
    </>
  );
}

function shorten(value: string): string {
  return value.length <= MAX_SHOWN ? value : `${value.slice(0, MAX_SHOWN)}…`;
}
