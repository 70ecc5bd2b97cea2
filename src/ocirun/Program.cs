Console.WriteLine("ocirun");
return 0;
