import { describeBaseline } from './harness';
import { MRML } from '../../../lib/models/baselines/mrml';

describeBaseline('MRML', (dims, seed) => new MRML(dims, { seed }));
