// What POST and PUT share: the object their path names, and handing the form to the service.
import type { UploadForm } from '../../http/upload-form.ts';
import type { UploadTarget } from '../../services/upload-target.ts';

export interface ObjectPath {
  bucket: string;
  '*': string;
}

export function objectOf(params: ObjectPath): { bucket: string; key: string } {
  return { bucket: params.bucket, key: params['*'] };
}

export function receive(target: UploadTarget, object: { bucket: string; key: string }, form: UploadForm): Promise<{ sha256: string }> {
  return target.receive({ ...object, fields: form.fields, file: form.file });
}
