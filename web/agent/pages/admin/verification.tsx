/** Admin → Verification levels: per brand, the level each sensitive action needs (issue 18). */
import { useEffect, useState } from 'react';
import { get, patch, type Answer } from '../../../shared/api';
import { useLang } from '../../../shared/i18n';
import { VERIFICATION_LEVELS } from '../../../../src/core/people.js';
import { useDesk } from '../../parts/desk';
import { Field, Status, useAction } from '../../parts/forms';
import type { contract } from '../../types';

type Requirements = Answer<typeof contract.VerificationRequirementsJson>;
const ACTIONS = ['unfreeze', 'change_contact', 'merge_customers'] as const;

export function VerificationAdmin() {
  const { t } = useLang();
  const desk = useDesk();
  const [brandId, setBrandId] = useState(desk.brands[0]?.id ?? '');
  const [req, setReq] = useState<Requirements | null>(null);
  const a = useAction();
  useEffect(() => {
    if (!brandId) return;
    setReq(null);
    get<typeof contract.VerificationRequirementsJson>(`/api/v1/brands/${brandId}/verification-requirements`)
      .then(setReq)
      .catch(() => undefined);
  }, [brandId]);
  return (
    <section aria-labelledby="verification-admin-title">
      <h1 id="verification-admin-title">{t('identity.admin.title')}</h1>
      <p className="muted">{t('identity.admin.intro')}</p>
      <Status error={a.error} done={a.done} />
      <Field id="va-brand" label={t('identity.admin.brand')}>
        <select id="va-brand" value={brandId} onChange={(e) => setBrandId(e.target.value)}>
          {desk.brands.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </Field>
      {req ? (
        <div className="card admin-form">
          <p>
            {t('identity.action.freeze')}: {t('identity.level.unverified')}
          </p>
          {ACTIONS.map((action) => (
            <Field key={action} id={`va-${action}`} label={t(`identity.action.${action}`)}>
              <select
                id={`va-${action}`}
                value={req[action]}
                onChange={(e) => {
                  const level = e.target.value as Requirements[typeof action];
                  void a.run(
                    async () => setReq(await patch<typeof contract.VerificationRequirementsJson, typeof contract.VerificationRequirementsPatch>(`/api/v1/brands/${brandId}/verification-requirements`, { [action]: level })),
                    t('identity.admin.saved'),
                  );
                }}
              >
                {VERIFICATION_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`identity.level.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </div>
      ) : null}
    </section>
  );
}
