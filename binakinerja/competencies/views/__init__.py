"""The competency pages, one module per area: the start page and dictionary (`home`),
assessments and their import (`assessments`), gaps, heat map and 9-box (`talent`), one ASN's
needs (`needs`), the costed plan (`plan`), position standards and technical competencies
(`standards`) and the individual development plan (`idp`). Each view fetches through a
permission-checked selector, calls one service and renders."""
