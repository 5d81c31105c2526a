#!/usr/bin/env node
// The kubectl plugin: `kubectl maestro plan status zk` runs `maestro plan status zk`.
// kubectl finds it on PATH as `kubectl-maestro` (npm links it under that name).
'use strict';
void import('./maestro.js');
