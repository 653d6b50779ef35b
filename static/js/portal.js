// Starts NHS.UK frontend's components (header menu, skip link, error summary focus...).
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();
