// The Schema Registry's services (issue 14), built together: they share one parser and its cache.
import type { Store } from '../../store/database.ts';
import { SubjectDeleteService } from './deletes.ts';
import { SchemaParser } from './parsing.ts';
import { SchemaService } from './schemas.ts';
import { RegistrySettingsService } from './settings.ts';
import { SubjectService } from './subjects.ts';

export interface SchemaRegistryServices {
  subjects: SubjectService;
  deletes: SubjectDeleteService;
  schemas: SchemaService;
  settings: RegistrySettingsService;
}

export function schemaRegistryServices(db: Store, now: () => Date): SchemaRegistryServices {
  const parser = new SchemaParser(db);
  const settings = new RegistrySettingsService(db, now);
  const subjects = new SubjectService(db, parser, settings, now);
  return { subjects, settings, deletes: new SubjectDeleteService(db, settings, now), schemas: new SchemaService(db, parser, subjects) };
}
