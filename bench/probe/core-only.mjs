// P5 what-if: a bundle holding only @actions/core, to price what loading it costs every main and post.
import * as core from '@actions/core';

core.info('core loaded');
