// Reads an X12 file with node-x12's stream API and visits every element; prints segments and elements.
const { X12Parser } = require('node-x12');
const fs = require('fs');

let segments = 0;
let elements = 0;
fs.createReadStream(process.argv[2])
  .pipe(new X12Parser())
  .on('data', (segment) => {
    segments += 1;
    for (const element of segment.elements) elements += element.value === undefined ? 0 : 1;
  })
  .on('end', () => console.log(`node-x12 stream: ${segments} segments, ${elements} elements`));
