import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { fromProject } from '../../config/paths';

/**
 * 高洁, the organisation's administrator who is not of the office: ADMIN alone (issue 22). The example organisation has
 * none (its administrator, 黄敏, is the office's director too); the tests that ask what ADMIN alone may do add her.
 */
export const ADMINISTRATOR_ALONE = 'p-gao-jie';

/** Her entry in the organisation file's shape: a person of the office unit, with no role but ADMIN. */
export const administratorAloneEntry = {
  id: ADMINISTRATOR_ALONE,
  name: '高洁',
  unit: 'office',
  title: '系统管理员',
  roles: ['ADMIN'],
};

/** The example organisation's file (examples/organisation.yaml) with her added as its last person. */
export function exampleWithAdministratorAlone(): string {
  const example = readFileSync(fromProject('examples/organisation.yaml'), 'utf8');
  const { id, name, unit, title, roles } = administratorAloneEntry;
  const text = `${example.trimEnd()}\n  - { id: ${id}, name: ${name}, unit: ${unit}, title: ${title}, roles: [${roles.join(', ')}] }\n`;
  // Appended to the file's last list: it must be `people` still.
  const people = (YAML.parse(text) as { people: { id: string }[] }).people;
  if (people.at(-1)?.id !== id) throw new Error('examples/organisation.yaml: `people` is no longer its last list');
  return text;
}
