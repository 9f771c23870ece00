// What the connect/v1 custom-plugin handlers get (connect-custom-plugin-v1.yaml).
import type { UploadService } from '../../services/uploads.ts';

export interface CustomPluginV1Deps {
  uploads: UploadService;
}
