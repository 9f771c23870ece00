// Deleting subject versions, as Confluent does it: first soft (hidden, id still resolves), then
// permanent (gone; the schema's id is never given to another schema). A version other schemas
// reference cannot be deleted (42206). The checks and the delete are one transaction holding the
// registry's lock (repo.lockRegistry), as registering is: a schema registered at the same moment
// with a reference to the version either lands first (and the delete is refused) or is refused.
import type { Transaction } from 'kysely';
import { REGISTRY_CODES, RegistryError, registryErrors } from '../../core/schema-registry/errors.ts';
import type { SubjectVersion } from '../../core/schema-registry/model.ts';
import type { Store } from '../../store/database.ts';
import { withOperation } from '../../store/operations.ts';
import * as repo from '../../store/schema-registry.ts';
import type { DB } from '../../store/schema.ts';
import type { RegistrySettingsService } from './settings.ts';

type Choose = (all: SubjectVersion[]) => number[];

export class SubjectDeleteService {
  constructor(private readonly db: Store, private readonly settings: RegistrySettingsService, private readonly now: () => Date) {}

  async deleteVersion(registryId: string, subject: string, requested: number | 'latest', permanent: boolean, actor: string): Promise<number> {
    const [version] = await this.delete(registryId, subject, permanent, actor, (all) => {
      const candidates = permanent ? all : all.filter((v) => !v.deleted);
      const found = requested === 'latest' ? candidates.at(-1) : all.find((v) => v.version === requested);
      if (!found) throw registryErrors.versionNotFound(subject, requested);
      if (!permanent && found.deleted) throw new RegistryError(REGISTRY_CODES.versionSoftDeleted, `Subject '${subject}' Version ${found.version} was soft deleted. Set permanent=true to delete permanently`);
      if (permanent && !found.deleted) throw new RegistryError(REGISTRY_CODES.versionNotSoftDeleted, `Subject '${subject}' Version ${found.version} was not deleted first before being permanently deleted`);
      return [found.version];
    });
    return version!;
  }

  async deleteSubject(registryId: string, subject: string, permanent: boolean, actor: string): Promise<number[]> {
    return this.delete(registryId, subject, permanent, actor, (all) => {
      const live = all.filter((v) => !v.deleted);
      if (!permanent && live.length === 0) throw new RegistryError(REGISTRY_CODES.subjectSoftDeleted, `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`);
      if (permanent && live.length > 0) throw new RegistryError(REGISTRY_CODES.subjectNotSoftDeleted, `Subject '${subject}' was not deleted first before being permanently deleted`);
      return (permanent ? all : live).map((v) => v.version);
    });
  }

  /** One transaction: the mode, the subject's versions, the chosen ones unreferenced, then the delete and its record. */
  private async delete(registryId: string, subject: string, permanent: boolean, actor: string, choose: Choose): Promise<number[]> {
    const operation = permanent ? 'schema_registry.subject.delete_permanent' : 'schema_registry.subject.delete';
    const detail: { subject: string; versions: number[] } = { subject, versions: [] };
    await withOperation(this.db, { operation, resourceId: registryId, actor, at: this.now().toISOString(), detail }, async (tx) => {
      await repo.lockRegistry(tx, registryId);
      await this.settings.assertWritable(registryId, subject, tx);
      const all = await repo.listSubjectVersions(tx, registryId, subject);
      if (all.length === 0) throw registryErrors.subjectNotFound(subject);
      // Filled in before withOperation writes the record, which it does after this work.
      detail.versions = choose(all);
      await this.unreferenced(tx, registryId, subject, detail.versions);
      await (permanent ? repo.removeVersions(tx, registryId, subject, detail.versions) : repo.softDeleteVersions(tx, registryId, subject, detail.versions));
    });
    return detail.versions;
  }

  private async unreferenced(tx: Transaction<DB>, registryId: string, subject: string, versions: readonly number[]): Promise<void> {
    for (const version of versions) {
      const by = await repo.schemasReferencing(tx, registryId, subject, version);
      if (by.length > 0) throw new RegistryError(REGISTRY_CODES.referenceExists, `One or more references exist to the schema {subject=${subject},version=${version}}`);
    }
  }
}
