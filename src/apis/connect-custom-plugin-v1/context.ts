// What the connect/v1 custom-plugin handlers get (connect-custom-plugin-v1.yaml): uploads for the
// presigned URL, the plugin service for the plugins.
import type { CustomPluginService } from '../../services/custom-plugins.ts';
import type { UploadService } from '../../services/uploads.ts';

export interface CustomPluginV1Deps {
  uploads: UploadService;
  customPlugins: CustomPluginService;
}
