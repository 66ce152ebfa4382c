import { writeFileSync } from 'node:fs';
import { EMBEDDED_PATH, serializeSdkSamples } from './code-samples';

writeFileSync(EMBEDDED_PATH, serializeSdkSamples());
console.log(`wrote ${EMBEDDED_PATH}`);
