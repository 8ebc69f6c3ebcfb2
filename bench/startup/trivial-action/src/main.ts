import * as core from '@actions/core';

// The smallest action on @actions/core: read one input, set one output. Its cold start is the floor any
// action on the toolkit pays; bench/startup compares Shipgate's actions with it.
core.setOutput('greeting', `hello ${core.getInput('name') || 'world'}`);
