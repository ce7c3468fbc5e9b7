// Initialise GOV.UK Frontend components (error summary focus, notification
// banners, service navigation menu, password reveal, ...).
//
// Loaded from templates/base.html as <script type="module">, so it is an
// external 'self' script and needs no CSP nonce. The relative import resolves
// to static/dist/govuk-frontend.min.js, copied there by
// scripts/build_frontend.sh.
import { initAll } from "./govuk-frontend.min.js";

initAll();
