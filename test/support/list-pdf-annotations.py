"""Lists every page's /Annots of a PDF as JSON, read by pypdf (not our code): one object per
annotation with its page (1-based), /Subtype, /T, /Contents and /NM."""
import json
import sys

import pypdf

reader = pypdf.PdfReader(sys.argv[1])
found = []
for number, page in enumerate(reader.pages, start=1):
    annots = page.get("/Annots")
    for ref in (annots.get_object() if annots is not None else []):
        annot = ref.get_object()
        found.append({
            "page": number,
            "subtype": annot.get("/Subtype"),
            "author": annot.get("/T"),
            "contents": annot.get("/Contents"),
            "id": annot.get("/NM"),
        })
print(json.dumps({"pages": len(reader.pages), "annotations": found}, ensure_ascii=False))
