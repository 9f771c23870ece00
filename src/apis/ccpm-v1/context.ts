// What the ccpm/v1 handlers get (ccpm-v1.yaml, CONTRACT §2.3).
import type { UploadService } from '../../services/uploads.ts';

export interface CcpmV1Deps {
  uploads: UploadService;
}
