// Deleting subject versions, as Confluent does it: first soft (hidden, id still resolves), then
// permanent (gone; the schema's id is never given to another schema). A version other schemas
// reference cannot be deleted (42206).
import { REGISTRY_CODES, RegistryError, registryErrors } from '../../core/schema-registry/errors.ts';
import type { Store } from '../../store/database.ts';
import { withOperation } from '../../store/operations.ts';
import * as repo from '../../store/schema-registry.ts';
import type { RegistrySettingsService } from './settings.ts';

export class SubjectDeleteService {
  constructor(private readonly db: Store, private readonly settings: RegistrySettingsService, private readonly now: () => Date) {}

  async deleteVersion(registryId: string, subject: string, requested: number | 'latest', permanent: boolean, actor: string): Promise<number> {
    await this.writable(registryId, subject);
    const all = await repo.listSubjectVersions(this.db, registryId, subject);
    if (all.length === 0) throw registryErrors.subjectNotFound(subject);
    const candidates = permanent ? all : all.filter((v) => !v.deleted);
    const found = requested === 'latest' ? candidates.at(-1) : all.find((v) => v.version === requested);
    if (!found) throw registryErrors.versionNotFound(subject, requested);
    if (!permanent && found.deleted) throw new RegistryError(REGISTRY_CODES.versionSoftDeleted, `Subject '${subject}' Version ${found.version} was soft deleted. Set permanent=true to delete permanently`);
    if (permanent && !found.deleted) throw new RegistryError(REGISTRY_CODES.versionNotSoftDeleted, `Subject '${subject}' Version ${found.version} was not deleted first before being permanently deleted`);
    await this.unreferenced(registryId, subject, [found.version]);
    await this.apply(registryId, subject, [found.version], permanent, actor);
    return found.version;
  }

  async deleteSubject(registryId: string, subject: string, permanent: boolean, actor: string): Promise<number[]> {
    await this.writable(registryId, subject);
    const all = await repo.listSubjectVersions(this.db, registryId, subject);
    if (all.length === 0) throw registryErrors.subjectNotFound(subject);
    const live = all.filter((v) => !v.deleted);
    if (!permanent && live.length === 0) throw new RegistryError(REGISTRY_CODES.subjectSoftDeleted, `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`);
    if (permanent && live.length > 0) throw new RegistryError(REGISTRY_CODES.subjectNotSoftDeleted, `Subject '${subject}' was not deleted first before being permanently deleted`);
    const versions = (permanent ? all : live).map((v) => v.version);
    await this.unreferenced(registryId, subject, versions);
    await this.apply(registryId, subject, versions, permanent, actor);
    return versions;
  }

  private async writable(registryId: string, subject: string): Promise<void> {
    await this.settings.assertWritable(registryId, subject);
  }

  private async unreferenced(registryId: string, subject: string, versions: readonly number[]): Promise<void> {
    for (const version of versions) {
      const by = await repo.schemasReferencing(this.db, registryId, subject, version);
      if (by.length > 0) throw new RegistryError(REGISTRY_CODES.referenceExists, `One or more references exist to the schema {subject=${subject},version=${version}}`);
    }
  }

  private async apply(registryId: string, subject: string, versions: number[], permanent: boolean, actor: string): Promise<void> {
    const at = this.now().toISOString();
    const operation = permanent ? 'schema_registry.subject.delete_permanent' : 'schema_registry.subject.delete';
    await withOperation(this.db, { operation, resourceId: registryId, actor, at, detail: { subject, versions } }, (tx) =>
      (permanent ? repo.removeVersions(tx, registryId, subject, versions) : repo.softDeleteVersions(tx, registryId, subject, versions)));
  }
}
