// Prints the kinvolk-emojivoto calibration table of docs/scenarios/kinvolk-emojivoto.md:
//   npx -y pnpm@10 --filter @meshsim/examples kinvolk-calibration

import { calibrationTable, kinvolkCalibration } from './calibration/kinvolkCalibration.js';

process.stdout.write(calibrationTable(kinvolkCalibration()));
