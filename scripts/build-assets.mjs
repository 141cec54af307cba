// Builds the site's CSS from GOV.UK Frontend's Sass (brand-neutral: system fonts, no crown)
// and copies the JavaScript and images it needs into elearning/static/vendor/.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "elearning", "static", "vendor", "govuk");

mkdirSync(join(out, "images"), { recursive: true });
// Copied with its source map: the manifest storage checks every reference.
for (const name of ["all.bundle.js", "all.bundle.js.map"]) {
  cpSync(join(govuk, name), join(out, name));
}
cpSync(join(govuk, "assets", "images"), join(out, "images"), { recursive: true });

const result = sass.compile(join(root, "elearning", "static_src", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
mkdirSync(join(root, "elearning", "static", "css"), { recursive: true });
writeFileSync(join(root, "elearning", "static", "css", "main.css"), result.css);
console.log("assets built");
