// What the custom-plugin routes of connect/v1 get: the plugin service.
import type { CustomPluginService } from '../../../services/custom-plugins.ts';

export interface CustomPluginDeps {
  customPlugins: CustomPluginService;
}
