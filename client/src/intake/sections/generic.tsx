// The fallback for every service without a section of its own: the frame alone, submitted
// through the shared route POST /api/v1/applications with empty module data. The module's own
// intake rules still run on the API (IServiceDefinition.ValidateIntakeAsync), so a service whose
// module needs data refuses with a problem the frame shows; such a service gets a section.
import { api, call } from '../../api/client';
import { genericBody } from '../frame';
import type { IntakeSection } from '../types';

export type GenericData = Record<string, never>;

export const genericSection: IntakeSection<GenericData> = {
  service: '*',
  initial: () => ({}),
  validate: () => [],
  submit: async (frame) => {
    const data = await call(api.POST('/api/v1/applications', {
      headers: { 'Idempotency-Key': frame.idempotencyKey },
      body: genericBody(frame),
    }));
    return data.acknowledgement;
  },
};
